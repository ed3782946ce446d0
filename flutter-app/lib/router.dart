import 'package:flutter/material.dart';
import 'package:flutter_riverpod/flutter_riverpod.dart';
import 'package:go_router/go_router.dart';

import 'screens/chat_room_screen.dart';
import 'screens/feed_screen.dart';
import 'screens/home_shell.dart';
import 'screens/inbox_screen.dart';
import 'screens/login_screen.dart';
import 'screens/my_screen.dart';
import 'screens/notification_settings_screen.dart';
import 'screens/product_detail_screen.dart';

/// Where the app opens; tests start elsewhere.
final initialLocationProvider = Provider<String>((ref) => '/');

final routerProvider = Provider<GoRouter>((ref) {
  final rootNavigatorKey = GlobalKey<NavigatorState>();
  final router = GoRouter(
    navigatorKey: rootNavigatorKey,
    initialLocation: ref.watch(initialLocationProvider),
    routes: [
      StatefulShellRoute.indexedStack(
        builder: (context, state, shell) => HomeShell(shell: shell),
        branches: [
          StatefulShellBranch(routes: [
            GoRoute(path: '/', builder: (context, state) => const FeedScreen()),
          ]),
          StatefulShellBranch(routes: [
            GoRoute(path: '/inbox', builder: (context, state) => const InboxScreen()),
          ]),
          StatefulShellBranch(routes: [
            GoRoute(path: '/my', builder: (context, state) => const MyScreen()),
          ]),
        ],
      ),
      GoRoute(
        path: '/products/:id',
        parentNavigatorKey: rootNavigatorKey,
        builder: (context, state) =>
            ProductDetailScreen(productId: int.parse(state.pathParameters['id']!)),
      ),
      GoRoute(
        path: '/chat/:roomId',
        parentNavigatorKey: rootNavigatorKey,
        builder: (context, state) => ChatRoomScreen(roomId: int.parse(state.pathParameters['roomId']!)),
      ),
      GoRoute(
        path: '/login',
        parentNavigatorKey: rootNavigatorKey,
        builder: (context, state) => const LoginScreen(),
      ),
      GoRoute(
        path: '/settings/notifications',
        parentNavigatorKey: rootNavigatorKey,
        builder: (context, state) => const NotificationSettingsScreen(),
      ),
    ],
  );
  ref.onDispose(router.dispose);
  return router;
});
