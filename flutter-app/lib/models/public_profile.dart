/// What anyone may see about a user (never the email).
class PublicProfile {
  const PublicProfile({
    required this.id,
    required this.nickname,
    this.region,
    required this.mannerTemperature,
    required this.onSaleCount,
    required this.soldCount,
  });

  final String id;
  final String nickname;
  final String? region;
  final double mannerTemperature;
  final int onSaleCount;
  final int soldCount;

  factory PublicProfile.fromJson(Map<String, dynamic> json) {
    return PublicProfile(
      id: json['id'] as String,
      nickname: json['nickname'] as String,
      region: json['region'] as String?,
      mannerTemperature: (json['mannerTemperature'] as num).toDouble(),
      onSaleCount: json['onSaleCount'] as int,
      soldCount: json['soldCount'] as int,
    );
  }
}

/// The caller's own profile (`GET /api/me`); region is their 동네 once they set it.
class MyProfile {
  const MyProfile({
    required this.id,
    required this.nickname,
    this.region,
    required this.mannerTemperature,
    required this.createdAt,
  });

  final String id;
  final String nickname;
  final String? region;
  final double mannerTemperature;
  final DateTime createdAt;

  factory MyProfile.fromJson(Map<String, dynamic> json) {
    return MyProfile(
      id: json['id'] as String,
      nickname: json['nickname'] as String,
      region: json['region'] as String?,
      mannerTemperature: (json['mannerTemperature'] as num).toDouble(),
      createdAt: DateTime.parse(json['createdAt'] as String),
    );
  }
}
