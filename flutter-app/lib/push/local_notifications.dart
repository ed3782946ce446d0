import 'dart:convert';

import 'package:firebase_messaging/firebase_messaging.dart';
import 'package:flutter_local_notifications/flutter_local_notifications.dart';

/// Android notification channels; ids match AndroidManifest's default channel and never change
/// (users' per-channel choices are kept by id).
class MarketChannels {
  static const general = AndroidNotificationChannel(
    'market_default',
    '알림',
    description: '댓글, 관심, 키워드, 거래 알림과 공지사항',
    importance: Importance.high,
  );

  static const chat = AndroidNotificationChannel(
    'market_chat',
    '채팅',
    description: '새 채팅 메시지',
    importance: Importance.high,
  );

  static const marketing = AndroidNotificationChannel(
    'market_marketing',
    '광고·이벤트',
    description: '마케팅 수신에 동의한 경우의 광고성 정보',
    importance: Importance.defaultImportance,
  );

  static const all = <AndroidNotificationChannel>[general, chat, marketing];

  static AndroidNotificationChannel forType(String? type) {
    switch (type) {
      case 'CHAT_MESSAGE':
      case 'PRICE_OFFER':
        return chat;
      case 'AD':
        return marketing;
      default:
        return general;
    }
  }
}

/// Shows FCM messages that arrive while the app is in the foreground (Android does not), and
/// data-only messages in the background; the payload is the message's data as JSON.
class LocalNotifications {
  LocalNotifications([FlutterLocalNotificationsPlugin? plugin])
      : _plugin = plugin ?? FlutterLocalNotificationsPlugin();

  final FlutterLocalNotificationsPlugin _plugin;

  Future<void> init({void Function(Map<String, dynamic> data)? onTap}) async {
    await _plugin.initialize(
      const InitializationSettings(
        android: AndroidInitializationSettings('@drawable/ic_notification'),
      ),
      onDidReceiveNotificationResponse: (response) {
        final data = decodePayload(response.payload);
        if (onTap != null && data != null) {
          onTap(data);
        }
      },
    );
    final android = _plugin.resolvePlatformSpecificImplementation<AndroidFlutterLocalNotificationsPlugin>();
    for (final channel in MarketChannels.all) {
      await android?.createNotificationChannel(channel);
    }
  }

  /// Android 13+ asks the user (POST_NOTIFICATIONS); older versions grant it at install.
  Future<bool> requestPermission() async {
    final android = _plugin.resolvePlatformSpecificImplementation<AndroidFlutterLocalNotificationsPlugin>();
    return await android?.requestNotificationsPermission() ?? true;
  }

  /// The data of the local notification that launched the app, if one did.
  Future<Map<String, dynamic>?> launchData() async {
    final details = await _plugin.getNotificationAppLaunchDetails();
    if (details == null || !details.didNotificationLaunchApp) {
      return null;
    }
    return decodePayload(details.notificationResponse?.payload);
  }

  Future<void> show(RemoteMessage message) async {
    final title = message.notification?.title ?? message.data['title']?.toString();
    final body = message.notification?.body ?? message.data['body']?.toString();
    if (title == null && body == null) {
      return;
    }
    final channel = MarketChannels.forType(message.data['type']?.toString());
    await _plugin.show(
      message.messageId.hashCode & 0x7fffffff,
      title,
      body,
      NotificationDetails(
        android: AndroidNotificationDetails(
          channel.id,
          channel.name,
          channelDescription: channel.description,
          importance: channel.importance,
          priority: Priority.high,
          styleInformation: body == null ? null : BigTextStyleInformation(body),
        ),
      ),
      payload: jsonEncode(message.data),
    );
  }

  static Map<String, dynamic>? decodePayload(String? payload) {
    if (payload == null || payload.isEmpty) {
      return null;
    }
    try {
      final decoded = jsonDecode(payload);
      return decoded is Map<String, dynamic> ? decoded : null;
    } on FormatException {
      return null;
    }
  }
}
