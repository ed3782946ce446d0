/// Listing status; [wire] is the value the API sends.
enum ProductStatus {
  onSale('ON_SALE'),
  reserved('RESERVED'),
  sold('SOLD');

  const ProductStatus(this.wire);

  final String wire;

  static ProductStatus parse(String value) {
    for (final status in values) {
      if (status.wire == value) {
        return status;
      }
    }
    throw FormatException('unknown product status', value);
  }
}

class Seller {
  const Seller({
    required this.id,
    required this.nickname,
    required this.mannerTemperature,
  });

  final String id;
  final String nickname;

  /// 매너온도 in °C; every account starts at 36.5.
  final double mannerTemperature;

  factory Seller.fromJson(Map<String, dynamic> json) {
    return Seller(
      id: json['id'] as String,
      nickname: json['nickname'] as String,
      mannerTemperature: (json['mannerTemperature'] as num).toDouble(),
    );
  }
}

class ProductImage {
  const ProductImage({
    required this.id,
    required this.url,
    required this.thumbnailUrl,
    required this.width,
    required this.height,
  });

  final int id;

  /// Usually a path relative to the API origin (`/api/images/{key}`).
  final String url;
  final String thumbnailUrl;
  final int width;
  final int height;

  factory ProductImage.fromJson(Map<String, dynamic> json) {
    return ProductImage(
      id: json['id'] as int,
      url: json['url'] as String,
      thumbnailUrl: json['thumbnailUrl'] as String,
      width: json['width'] as int,
      height: json['height'] as int,
    );
  }
}

/// What a feed row ([ProductListItem]) and a detail page ([Product]) share, read from either's JSON by one
/// constructor, [Listing.fromJson]; each adds what only it has.
abstract class Listing {
  const Listing({
    required this.id,
    required this.title,
    required this.price,
    required this.negotiable,
    required this.category,
    required this.region,
    this.regionCode,
    required this.status,
    this.buyerId,
    required this.seller,
    required this.likeCount,
    required this.chatCount,
    required this.commentCount,
    required this.viewCount,
    required this.liked,
    required this.createdAt,
    required this.updatedAt,
    required this.bumpedAt,
    required this.version,
  });

  Listing.fromJson(Map<String, dynamic> json)
      : id = json['id'] as int,
        title = json['title'] as String,
        price = json['price'] as int,
        negotiable = json['negotiable'] as bool,
        category = json['category'] as String,
        region = json['region'] as String,
        regionCode = json['regionCode'] as String?,
        status = ProductStatus.parse(json['status'] as String),
        buyerId = json['buyerId'] as String?,
        seller = Seller.fromJson(json['seller'] as Map<String, dynamic>),
        likeCount = json['likeCount'] as int,
        chatCount = json['chatCount'] as int,
        commentCount = json['commentCount'] as int,
        viewCount = json['viewCount'] as int,
        liked = json['liked'] as bool,
        createdAt = DateTime.parse(json['createdAt'] as String),
        updatedAt = DateTime.parse(json['updatedAt'] as String),
        bumpedAt = DateTime.parse(json['bumpedAt'] as String),
        version = json['version'] as int;

  final int id;
  final String title;

  /// KRW; 0 means 나눔 (free).
  final int price;
  final bool negotiable;
  final String category;
  final String region;

  /// The listing's 행정동 code (null only for old listings whose free-text 동 matched none).
  final String? regionCode;
  final ProductStatus status;
  final String? buyerId;
  final Seller seller;
  final int likeCount;
  final int chatCount;
  final int commentCount;
  final int viewCount;
  final bool liked;
  final DateTime createdAt;
  final DateTime updatedAt;
  final DateTime bumpedAt;
  final int version;

  bool get isFree => price == 0;
}

/// A feed row: the product without description and images, plus its first image's thumbnail.
class ProductListItem extends Listing {
  const ProductListItem({
    required super.id,
    required super.title,
    required super.price,
    required super.negotiable,
    required super.category,
    required super.region,
    super.regionCode,
    required super.status,
    super.buyerId,
    required super.seller,
    this.thumbnailUrl,
    required super.likeCount,
    required super.chatCount,
    required super.commentCount,
    required super.viewCount,
    required super.liked,
    required super.createdAt,
    required super.updatedAt,
    required super.bumpedAt,
    required super.version,
  });

  ProductListItem.fromJson(Map<String, dynamic> json)
      : thumbnailUrl = json['thumbnailUrl'] as String?,
        super.fromJson(json);

  final String? thumbnailUrl;
}

/// A listing's detail page.
class Product extends Listing {
  const Product({
    required super.id,
    required super.title,
    required this.description,
    required super.price,
    required super.negotiable,
    required super.category,
    required super.region,
    super.regionCode,
    required super.status,
    super.buyerId,
    required super.seller,
    required this.images,
    required super.likeCount,
    required super.chatCount,
    required super.commentCount,
    required super.viewCount,
    required super.liked,
    required super.createdAt,
    required super.updatedAt,
    required super.bumpedAt,
    required super.version,
  });

  Product.fromJson(Map<String, dynamic> json)
      : description = json['description'] as String,
        images = (json['images'] as List<dynamic>)
            .map((e) => ProductImage.fromJson(e as Map<String, dynamic>))
            .toList(),
        super.fromJson(json);

  final String description;
  final List<ProductImage> images;

  Product copyWith({bool? liked, int? likeCount}) {
    return Product(
      id: id,
      title: title,
      description: description,
      price: price,
      negotiable: negotiable,
      category: category,
      region: region,
      status: status,
      buyerId: buyerId,
      seller: seller,
      images: images,
      likeCount: likeCount ?? this.likeCount,
      chatCount: chatCount,
      commentCount: commentCount,
      viewCount: viewCount,
      liked: liked ?? this.liked,
      createdAt: createdAt,
      updatedAt: updatedAt,
      bumpedAt: bumpedAt,
      version: version,
    );
  }
}
