class CommentAuthor {
  const CommentAuthor({this.id, required this.nickname});

  /// Null for an author who deleted their account (탈퇴); the nickname is then 탈퇴한 사용자.
  final String? id;
  final String nickname;

  factory CommentAuthor.fromJson(Map<String, dynamic> json) {
    return CommentAuthor(
      id: json['id'] as String?,
      nickname: json['nickname'] as String,
    );
  }
}

class Comment {
  const Comment({
    required this.id,
    required this.productId,
    required this.author,
    required this.content,
    required this.createdAt,
  });

  final int id;
  final int productId;
  final CommentAuthor author;
  final String content;
  final DateTime createdAt;

  factory Comment.fromJson(Map<String, dynamic> json) {
    return Comment(
      id: json['id'] as int,
      productId: json['productId'] as int,
      author: CommentAuthor.fromJson(json['author'] as Map<String, dynamic>),
      content: json['content'] as String,
      createdAt: DateTime.parse(json['createdAt'] as String),
    );
  }
}
