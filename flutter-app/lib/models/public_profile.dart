/// What anyone may see about a user (never the email), with their 매너온도 and the review chips they received.
class PublicProfile {
  const PublicProfile({
    required this.id,
    required this.nickname,
    this.region,
    required this.mannerTemperature,
    required this.onSaleCount,
    required this.soldCount,
    required this.reviewCount,
    required this.chips,
  });

  final String id;
  final String nickname;
  final String? region;
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
