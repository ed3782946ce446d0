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
    String? Function()? regionCode,
    int? Function()? range,
  }) {
    return ProductQuery(
      q: q == null ? this.q : q(),
      category: category == null ? this.category : category(),
      region: region == null ? this.region : region(),
      regionCode: regionCode == null ? this.regionCode : regionCode(),
      range: range == null ? this.range : range(),
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

/// `PUT /api/me`: the nickname is required; a null [regionCode] or [range] leaves it unchanged. A new
/// `regionCode` clears the 동네 인증. [version] (the profile's) is sent in the body and as If-Match, so an
/// edit made from a stale profile is refused (409/412) instead of overwriting another device's change.
class ProfileUpdate {
  const ProfileUpdate({required this.nickname, this.regionCode, this.range, this.version});

  final String nickname;
  final String? regionCode;

  /// 0 the 동 only, 1 ≤ 3 km, 2 ≤ 6 km, 3 ≤ 10 km.
  final int? range;
  final int? version;

  Map<String, dynamic> toJson() {
    return <String, dynamic>{
      'nickname': nickname,
      if (regionCode != null) 'regionCode': regionCode,
      if (range != null) 'range': range,
      if (version != null) 'version': version,
    };
  }
}

/// How a price offer (가격 제안) is answered: the room's seller accepts or declines, its buyer withdraws.
/// [name] is the last path segment of `POST /api/chat/rooms/{id}/offers/{offerId}/<name>`.
enum OfferAnswer { accept, decline, withdraw }

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

  /// 거래후기 the user received, newest first.
  Future<CursorPage<ReceivedReview>> userReviews(String userId, {String? cursor, int size = 20});

  Future<MyProfile> me();

  /// 탈퇴: deletes the caller's account everywhere (DELETE /api/me; a repeat answers 204 too).
  Future<void> deleteAccount();

  /// Changes my nickname, 동네 and feed range (`PUT /api/me`); answers my profile.
  Future<MyProfile> updateMe(ProfileUpdate update);

  /// 동네 인증 with the device's position (never stored): [regionCode] becomes my 동네, verified now; a
  /// position too far from it is a 422.
  Future<MyProfile> verifyRegion({required double lat, required double lng, String? regionCode});

  /// One 행정동 by its code (404 for an unknown one).
  Future<Region> region(String code);

  /// 행정동 whose "시도 시군구 동" contains every word of [q] (1..30 characters; 역삼, 강남 역삼).
  Future<List<Region>> searchRegions(String q, {int size = 20});

  /// 차단: idempotent (already blocked is fine); blocking myself is a 422.
  Future<void> block(String userId);

  /// 차단 해제: idempotent.
  Future<void> unblock(String userId);

  /// The users I blocked, latest first.
  Future<CursorPage<BlockedUser>> blocks({String? cursor, int size = 20});

  /// 신고하기; [text] is required for [ReportReason.other]. A repeat answers my open report on the target.
  Future<Report> report({
    required ReportTarget targetType,
    required String targetId,
    required ReportReason reason,
    String? text,
  });

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

  /// The room with its listing, seller and buyer, and whether it is closed (탈퇴) or blocked (차단).
  Future<ChatRoom> chatRoom(int roomId);

  /// 가격 제안 from the room's buyer: an OFFER message (the listing must be ON_SALE, negotiable and priced
  /// above [amount]; one PENDING offer per buyer). Same [clientMsgId] again → the same offer.
  Future<ChatMessage> sendOffer(int roomId, int amount, {required String clientMsgId});

  /// Answers the PENDING offer whose OFFER message is [offerId]; returns the SYSTEM message recording it.
  /// [reserve] (accept only) first makes the listing 예약중 for the room's buyer.
  Future<ChatMessage> answerOffer(int roomId, int offerId, OfferAnswer answer, {bool reserve = true});

  Future<CursorPage<ChatMessage>> messages(int roomId, {int? after, int size = 50});

  Future<ChatMessage> sendMessage(int roomId, String content, {required String clientMsgId});
}
