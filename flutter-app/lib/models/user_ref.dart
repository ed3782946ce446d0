/// Another user as a list or room names them: `{id, nickname}`. [id] is null for a reviewer who left
/// (탈퇴), whose nickname is then 탈퇴한 사용자.
class UserRef {
  const UserRef({this.id, required this.nickname});

  final String? id;
  final String nickname;

  factory UserRef.fromJson(Map<String, dynamic> json) {
    return UserRef(
      id: json['id'] as String?,
      nickname: json['nickname'] as String,
    );
  }
}
