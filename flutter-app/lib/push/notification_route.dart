/// Where tapping a notification (push or inbox item) leads, from its `data`:
/// chat → the room, product events (comment, like, keyword, price drop, review) → the listing,
/// notices and ads → an app path in `link` if there is one, else the inbox.
String? routeForNotificationData(Map<String, dynamic> data, {String? type}) {
  final kind = type ?? data['type']?.toString();
  final roomId = _id(data['roomId']);
  if (roomId != null) {
    return '/chat/$roomId';
  }
  final productId = _id(data['productId']);
  if (productId != null) {
    return '/products/$productId';
  }
  final link = data['link']?.toString();
  if (link != null && _appPath.hasMatch(link)) {
    return link;
  }
  if (kind == 'NOTICE' || kind == 'AD' || data.containsKey('noticeId') || data.containsKey('notificationId')) {
    return '/inbox';
  }
  return null;
}

/// App paths a notice may link to; anything else (web URLs, unknown paths) opens the inbox.
final RegExp _appPath = RegExp(r'^/(products/\d+|chat/\d+|inbox|settings/notifications)$');

int? _id(Object? raw) {
  if (raw == null) {
    return null;
  }
  final id = int.tryParse(raw.toString());
  return id != null && id > 0 ? id : null;
}
