/// A 행정동 (administrative dong), the unit of a 동네: `GET /api/regions/{code}` and the items of
/// `GET /api/regions?q=`. Its point is the 동's representative point (WGS84).
class Region {
  const Region({
    required this.code,
    required this.sido,
    required this.sigungu,
    required this.dong,
    required this.lat,
    required this.lng,
  });

  /// The 10-digit 행정기관코드, e.g. `1168064000`.
  final String code;

  /// 서울특별시
  final String sido;

  /// 강남구; empty for 세종특별자치시, which has no 시군구.
  final String sigungu;

  /// 역삼1동
  final String dong;
  final double lat;
  final double lng;

  /// "서울특별시 강남구 역삼1동" (세종 has no 시군구).
  String get fullName => [sido, sigungu, dong].where((part) => part.isNotEmpty).join(' ');

  factory Region.fromJson(Map<String, dynamic> json) {
    return Region(
      code: json['code'] as String,
      sido: json['sido'] as String,
      sigungu: json['sigungu'] as String,
      dong: json['dong'] as String,
      lat: (json['lat'] as num).toDouble(),
      lng: (json['lng'] as num).toDouble(),
    );
  }
}
