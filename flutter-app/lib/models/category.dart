class Category {
  const Category({required this.code, required this.name, required this.nameEn});

  /// Stable code sent as the `category` filter, e.g. `DIGITAL`.
  final String code;

  /// Korean name, e.g. 디지털기기.
  final String name;
  final String nameEn;

  String label(String languageCode) => languageCode == 'ko' ? name : nameEn;

  factory Category.fromJson(Map<String, dynamic> json) {
    return Category(
      code: json['code'] as String,
      name: json['name'] as String,
      nameEn: json['nameEn'] as String,
    );
  }
}
