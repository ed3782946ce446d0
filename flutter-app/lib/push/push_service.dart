import 'dart:async';

import 'package:firebase_messaging/firebase_messaging.dart';
import 'package:flutter/foundation.dart';

import '../api/api_exception.dart';
import '../api/market_api.dart';
import '../state/auth_controller.dart';
import 'local_notifications.dart';
import 'notification_route.dart';

/// FCM for the app: registers this device's token with notify after login (`POST /api/devices`),
/// again whenever FCM rotates it, and deletes it on logout; shows foreground messages; opens the
/// right screen when a notification is tapped (cold start, background, or foreground).
class PushService implements SessionListener {
  PushService({
    required MarketApi Function() api,
    required void Function(String location) navigate,
    void Function()? onForegroundMessage,
    FirebaseMessaging? messaging,
    LocalNotifications? local,
  })  : _api = api,
        _navigate = navigate,
        _onForegroundMessage = onForegroundMessage,
        _messaging = messaging ?? FirebaseMessaging.instance,
        _local = local ?? LocalNotifications();

  final MarketApi Function() _api;
  final void Function(String location) _navigate;

  /// E.g. reload the inbox, so its badge and list include what just arrived.
  final void Function()? _onForegroundMessage;
  final FirebaseMessaging _messaging;
  final LocalNotifications _local;
  final List<StreamSubscription<Object?>> _subscriptions = [];
  StreamSubscription<String>? _tokenRefresh;
  String? _registeredToken;

  /// Call once after Firebase.initializeApp and after the router exists.
  Future<void> start() async {
    await _local.init(onTap: _open);
    await _local.requestPermission();
    await _messaging.requestPermission();

    _subscriptions.add(FirebaseMessaging.onMessage.listen((message) {
      _onForegroundMessage?.call();
      _local.show(message);
    }));
    _subscriptions.add(FirebaseMessaging.onMessageOpenedApp.listen((m) => _open(m.data)));

    final initial = await _messaging.getInitialMessage();
    if (initial != null) {
      _open(initial.data);
    } else {
      final launch = await _local.launchData();
      if (launch != null) {
        _open(launch);
      }
    }
  }

  @override
  Future<void> onSignedIn() async {
    final token = await _messaging.getToken();
    if (token != null) {
      await _register(token);
    }
    await _tokenRefresh?.cancel();
    _tokenRefresh = _messaging.onTokenRefresh.listen(_register);
  }

  @override
  Future<void> onSigningOut() async {
    await _tokenRefresh?.cancel();
    _tokenRefresh = null;
    final token = _registeredToken ?? await _messaging.getToken();
    _registeredToken = null;
    if (token == null) {
      return;
    }
    try {
      await _api().unregisterDevice(token);
    } on ApiException catch (e) {
      // Logging out must not fail on this; notify also drops tokens FCM reports as unregistered.
      debugPrint('push: could not unregister the device token: $e');
    }
    // A new token next time, so pushes for the old user can never reach the next one.
    await _messaging.deleteToken();
  }

  Future<void> _register(String token) async {
    try {
      await _api().registerDevice(token, platform: 'ANDROID');
      _registeredToken = token;
    } on ApiException catch (e) {
      // Retried on the next start, login or token refresh.
      debugPrint('push: could not register the device token: $e');
    }
  }

  void _open(Map<String, dynamic> data) {
    final route = routeForNotificationData(data);
    if (route != null) {
      _navigate(route);
    }
  }

  Future<void> dispose() async {
    for (final s in _subscriptions) {
      await s.cancel();
    }
    await _tokenRefresh?.cancel();
  }
}
