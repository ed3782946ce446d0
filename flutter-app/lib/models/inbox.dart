/// One in-app notification. [data] carries what to open, e.g. `productId`, `roomId`, `noticeId`, `link`.
class InboxItem {
  const InboxItem({
    required this.id,
    required this.type,
    required this.title,
    required this.body,
    required this.data,
    required this.read,
    required this.createdAt,
  });

  final int id;

  /// NOTICE, AD, CHAT_MESSAGE, PRICE_OFFER, COMMENT, LIKE, PRICE_DROP, REVIEW, REVIEW_REQUEST, TRADE, REPORT_RESULT,
  /// KEYWORD_MATCH.
  final String type;
  final String title;
  final String body;
  final Map<String, String> data;
  final bool read;
  final DateTime createdAt;

  InboxItem markedRead() {
    return InboxItem(
      id: id,
      type: type,
      title: title,
      body: body,
      data: data,
      read: true,
      createdAt: createdAt,
    );
  }

  factory InboxItem.fromJson(Map<String, dynamic> json) {
    return InboxItem(
      id: json['id'] as int,
      type: json['type'] as String,
      title: json['title'] as String,
      body: json['body'] as String,
      data: (json['data'] as Map<String, dynamic>?)
              ?.map((key, value) => MapEntry(key, '$value')) ??
          const <String, String>{},
      read: json['read'] as bool,
      createdAt: DateTime.parse(json['createdAt'] as String),
    );
  }
}

/// `GET /api/me/notifications`: a page of the inbox, newest first, with the unread count.
class InboxPage {
  const InboxPage({required this.items, this.nextCursor, required this.unreadCount});

  final List<InboxItem> items;
  final String? nextCursor;
  final int unreadCount;

  factory InboxPage.fromJson(Map<String, dynamic> json) {
    return InboxPage(
      items: (json['items'] as List<dynamic>)
          .map((e) => InboxItem.fromJson(e as Map<String, dynamic>))
          .toList(),
      nextCursor: json['nextCursor'] as String?,
      unreadCount: json['unreadCount'] as int,
    );
  }
}
