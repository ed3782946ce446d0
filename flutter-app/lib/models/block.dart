/// A user I blocked (차단, `GET /api/me/blocks`, latest first).
class BlockedUser {
  const BlockedUser({required this.userId, required this.nickname, required this.createdAt});

  final String userId;
  final String nickname;
  final DateTime createdAt;

  factory BlockedUser.fromJson(Map<String, dynamic> json) {
    return BlockedUser(
      userId: json['userId'] as String,
      nickname: json['nickname'] as String,
      createdAt: DateTime.parse(json['createdAt'] as String),
    );
  }
}
