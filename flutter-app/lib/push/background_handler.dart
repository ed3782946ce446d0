import 'package:firebase_core/firebase_core.dart';
import 'package:firebase_messaging/firebase_messaging.dart';

import 'local_notifications.dart';

/// Runs in a separate isolate when a message arrives while the app is in the background or
/// terminated. Messages with a `notification` block are drawn by the system (channel from the
/// manifest's default); data-only messages are drawn here so they are not lost.
@pragma('vm:entry-point')
Future<void> firebaseMessagingBackgroundHandler(RemoteMessage message) async {
  await Firebase.initializeApp();
  if (message.notification != null) {
    return;
  }
  final notifications = LocalNotifications();
  await notifications.init();
  await notifications.show(message);
}
