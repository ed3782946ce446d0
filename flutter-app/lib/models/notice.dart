/// A published notice (`GET /api/notices`), readable without logging in.
class Notice {
  const Notice({
    required this.id,
    required this.title,
    required this.body,
    this.link,
    required this.publishedAt,
  });

  final int id;
  final String title;
  final String body;

  /// An http(s) URL or an app path such as `/products/42`.
  final String? link;
  final DateTime publishedAt;

  factory Notice.fromJson(Map<String, dynamic> json) {
    return Notice(
      id: json['id'] as int,
      title: json['title'] as String,
      body: json['body'] as String,
      link: json['link'] as String?,
      publishedAt: DateTime.parse(json['publishedAt'] as String),
    );
  }
}
