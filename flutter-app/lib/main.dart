import 'package:firebase_core/firebase_core.dart';
import 'package:firebase_messaging/firebase_messaging.dart';
import 'package:flutter/foundation.dart';
import 'package:flutter/material.dart';
import 'package:flutter/services.dart';
import 'package:flutter_riverpod/flutter_riverpod.dart';

import 'app.dart';
import 'push/background_handler.dart';
import 'push/push_service.dart';
import 'router.dart';
import 'state/inbox_controller.dart';
import 'state/providers.dart';

Future<void> main() async {
  WidgetsFlutterBinding.ensureInitialized();
  final firebaseReady = await _initFirebase();
  if (firebaseReady) {
    FirebaseMessaging.onBackgroundMessage(firebaseMessagingBackgroundHandler);
  }
  final container = ProviderContainer(
    overrides: [
      pushAvailableProvider.overrideWithValue(firebaseReady),
      if (firebaseReady)
        sessionListenerProvider.overrideWith((ref) => _pushService(ref)),
    ],
  );
  runApp(UncontrolledProviderScope(container: container, child: const MarketApp()));
  if (firebaseReady) {
    // The service is also the session listener; started once the router is on screen, so a
    // notification that launched the app can open its screen.
    await (container.read(sessionListenerProvider) as PushService).start();
  }
}

PushService _pushService(Ref<Object?> ref) {
  final push = PushService(
    api: () => ref.read(marketApiProvider),
    navigate: (location) => ref.read(routerProvider).push(location),
    onForegroundMessage: () => ref.read(inboxControllerProvider.notifier).refresh(),
  );
  ref.onDispose(push.dispose);
  return push;
}

/// Firebase comes from android/app/google-services.json; without it the app runs without push.
Future<bool> _initFirebase() async {
  try {
    await Firebase.initializeApp();
    return true;
  } on FirebaseException catch (e) {
    debugPrint('Firebase is not configured, push is off: ${e.message}');
    return false;
  } on PlatformException catch (e) {
    debugPrint('Firebase is not configured, push is off: ${e.message}');
    return false;
  }
}

