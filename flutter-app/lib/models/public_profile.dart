/// What anyone may see about a user (never the email), with their 매너온도 and the review chips they received.
class PublicProfile {
  const PublicProfile({
    required this.id,
    required this.nickname,
    this.region,
    this.regionCode,
    this.regionVerifiedAt,
    required this.mannerTemperature,
    required this.onSaleCount,
    required this.soldCount,
    required this.reviewCount,
    required this.chips,
  });

  final String id;
  final String nickname;
  final String? region;
  final String? regionCode;

  /// When they verified their 동네 (동네 인증, the badge); null: not verified.
  final DateTime? regionVerifiedAt;
  final double mannerTemperature;
  final int onSaleCount;
  final int soldCount;
  final int reviewCount;

  /// How often each review chip was given to the user, most frequent first.
  final List<ReviewChipCount> chips;

  factory PublicProfile.fromJson(Map<String, dynamic> json) {
    return PublicProfile(
      id: json['id'] as String,
      nickname: json['nickname'] as String,
      region: json['region'] as String?,
      regionCode: json['regionCode'] as String?,
      regionVerifiedAt: json['regionVerifiedAt'] == null
          ? null
          : DateTime.parse(json['regionVerifiedAt'] as String),
      mannerTemperature: (json['mannerTemperature'] as num).toDouble(),
      onSaleCount: json['onSaleCount'] as int,
      soldCount: json['soldCount'] as int,
      reviewCount: json['reviewCount'] as int,
      chips: (json['chips'] as List<dynamic>)
          .map((e) => ReviewChipCount.fromJson(e as Map<String, dynamic>))
          .toList(),
    );
  }
}

/// A review chip (e.g. KIND 친절해요) and how often the user received it.
class ReviewChipCount {
  const ReviewChipCount({
    required this.code,
    required this.label,
    required this.positive,
    required this.count,
  });

  final String code;
  final String label;
  final bool positive;
  final int count;

  factory ReviewChipCount.fromJson(Map<String, dynamic> json) {
    return ReviewChipCount(
      code: json['code'] as String,
      label: json['label'] as String,
      positive: json['positive'] as bool,
      count: json['count'] as int,
    );
  }
}

/// The caller's own profile (`GET /api/me`); region/regionCode is their 동네 once they set it.
class MyProfile {
  const MyProfile({
    required this.id,
    required this.nickname,
    this.region,
    this.regionCode,
    this.regionVerifiedAt,
    required this.range,
    required this.mannerTemperature,
    required this.createdAt,
    required this.version,
  });

  final String id;
  final String nickname;
  final String? region;
  final String? regionCode;

  /// When they last verified being in their 동네 (동네 인증); null: not verified.
  final DateTime? regionVerifiedAt;

  /// Feed range step: 0 their 동 only, 1 ≤ 3 km, 2 ≤ 6 km, 3 ≤ 10 km.
  final int range;
  final double mannerTemperature;
  final DateTime createdAt;

  /// Optimistic-concurrency version, sent back with `PUT /api/me` (body and If-Match).
  final int version;

  factory MyProfile.fromJson(Map<String, dynamic> json) {
    return MyProfile(
      id: json['id'] as String,
      nickname: json['nickname'] as String,
      region: json['region'] as String?,
      regionCode: json['regionCode'] as String?,
      regionVerifiedAt: json['regionVerifiedAt'] == null
          ? null
          : DateTime.parse(json['regionVerifiedAt'] as String),
      range: json['range'] as int,
      mannerTemperature: (json['mannerTemperature'] as num).toDouble(),
      createdAt: DateTime.parse(json['createdAt'] as String),
      version: json['version'] as int,
    );
  }
}
