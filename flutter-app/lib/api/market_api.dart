import '../models/models.dart';

/// Feed filters of `GET /api/products`.
class ProductQuery {
  const ProductQuery({
    this.q,
    this.category,
    this.region,
    this.regionCode,
    this.range,
    this.status,
    this.sort,
  });

  final String? q;
  final String? category;

  /// `all` = everywhere; a 동 name = that 동 only (deprecated). Nothing: a signed-in user's 동네 and range.
  final String? region;

  /// Centre of the range: a 행정동 code (default for a signed-in user: their 동네).
  final String? regionCode;

  /// 0 the 동 only, 1 ≤ 3 km, 2 ≤ 6 km, 3 ≤ 10 km (default: the user's saved range).
  final int? range;
  final ProductStatus? status;

  /// latest | price_asc | price_desc | popular
  final String? sort;

  ProductQuery copyWith({
    String? Function()? q,
    String? Function()? category,
    String? Function()? region,
  }) {
    return ProductQuery(
      q: q == null ? this.q : q(),
      category: category == null ? this.category : category(),
      region: region == null ? this.region : region(),
      regionCode: regionCode,
      range: range,
      status: status,
      sort: sort,
    );
  }

  Map<String, dynamic> toQueryParameters() {
    final params = <String, dynamic>{};
    final text = q?.trim();
    if (text != null && text.isNotEmpty) {
      params['q'] = text;
    }
    if (category != null) {
      params['category'] = category;
    }
    if (region != null) {
      params['region'] = region;
    }
    if (regionCode != null) {
      params['regionCode'] = regionCode;
    }
    if (range != null) {
      params['range'] = '$range';
    }
    if (status != null) {
      params['status'] = status!.wire;
    }
    if (sort != null) {
      params['sort'] = sort;
    }
    return params;
  }

  @override
  bool operator ==(Object other) =>
      other is ProductQuery &&
      other.q == q &&
      other.category == category &&
      other.region == region &&
      other.regionCode == regionCode &&
      other.range == range &&
      other.status == status &&
      other.sort == sort;

  @override
  int get hashCode => Object.hash(q, category, region, regionCode, range, status, sort);
}

/// What the app asks of the gateway (docs/DESIGN.md sections 5–7). Screens and state depend on this
/// interface only, so widget tests run against a fake.
abstract class MarketApi {
  Future<List<Category>> categories();

  Future<CursorPage<ProductListItem>> products({
    ProductQuery query = const ProductQuery(),
    String? cursor,
    int size = 20,
  });

  Future<Product> product(int id);

  Future<void> like(int productId);

  Future<void> unlike(int productId);

  Future<CursorPage<Comment>> comments(int productId, {String? cursor, int size = 20});

  Future<Comment> addComment(int productId, String content);

  Future<PublicProfile> user(String userId);

  Future<MyProfile> me();

  /// 탈퇴: deletes the caller's account everywhere (DELETE /api/me; a repeat answers 204 too).
  Future<void> deleteAccount();

  Future<CursorPage<Notice>> notices({String? cursor, int size = 20});

  Future<InboxPage> inbox({String? cursor, int size = 20});

  /// Marks everything up to [upToId] read; returns the unread count left.
  Future<int> markInboxRead(int upToId);

  Future<NotificationSettings> notificationSettings();

  Future<NotificationSettings> updateNotificationSettings(NotificationSettings settings);

  Future<void> registerDevice(String token, {String platform = 'ANDROID'});

  Future<void> unregisterDevice(String token);

  /// Opens (or returns) the caller's chat room for a product; returns the room id.
  Future<int> openChatRoom(int productId);

  Future<CursorPage<ChatMessage>> messages(int roomId, {int? after, int size = 50});

  Future<ChatMessage> sendMessage(int roomId, String content, {required String clientMsgId});
}
