import 'package:ddangn_market/api/api_exception.dart';
import 'package:ddangn_market/api/market_api.dart';
import 'package:ddangn_market/models/models.dart';

import 'fixtures.dart';

/// [MarketApi] answering from the JSON fixtures, recording what the screens asked for.
class FakeMarketApi implements MarketApi {
  FakeMarketApi() {
    final json = fixtureObject('products_page.json');
    final feed = CursorPage.fromJson(json, ProductListItem.fromJson);
    final older = <String, dynamic>{
      ...(json['items'] as List<dynamic>).first as Map<String, dynamic>,
      'id': 1001,
      'title': '캠핑 의자 2개',
      'category': 'SPORTS',
      'price': 30000,
    };
    feedPages = [
      feed,
      // The fixture's nextCursor leads to a last page with one more, older listing.
      CursorPage<ProductListItem>(items: [ProductListItem.fromJson(older)], nextCursor: null),
    ];
  }

  late List<CursorPage<ProductListItem>> feedPages;
  final List<ProductQuery> productQueries = [];
  final List<String?> productCursors = [];
  final List<String> calls = [];
  final List<String> registeredTokens = [];
  final List<String> unregisteredTokens = [];
  NotificationSettings settings = NotificationSettings.fromJson(fixtureObject('notification_settings.json'));
  final List<NotificationSettings> savedSettings = [];
  int? markedReadUpTo;
  bool failSettingsWithConflict = false;

  @override
  Future<List<Category>> categories() async {
    return (fixture('categories.json')! as List<dynamic>)
        .map((e) => Category.fromJson(e as Map<String, dynamic>))
        .toList();
  }

  @override
  Future<CursorPage<ProductListItem>> products({
    ProductQuery query = const ProductQuery(),
    String? cursor,
    int size = 20,
  }) async {
    productQueries.add(query);
    productCursors.add(cursor);
    final page = cursor == null ? feedPages.first : feedPages.last;
    final items = page.items.where((p) {
      final q = query.q;
      return (q == null || p.title.contains(q)) &&
          (query.category == null || p.category == query.category) &&
          !blockedUserIds.contains(p.seller.id);
    }).toList();
    return CursorPage<ProductListItem>(items: items, nextCursor: items.isEmpty ? null : page.nextCursor);
  }

  @override
  Future<Product> product(int id) async {
    final json = fixtureObject('product_detail.json');
    if (json['id'] != id) {
      throw ApiException(
        statusCode: 404,
        message: 'not found',
        problem: const Problem(type: 'about:blank', title: 'Not Found', status: 404),
      );
    }
    return Product.fromJson(json);
  }

  @override
  Future<void> like(int productId) async => calls.add('like $productId');

  @override
  Future<void> unlike(int productId) async => calls.add('unlike $productId');

  @override
  Future<CursorPage<Comment>> comments(int productId, {String? cursor, int size = 20}) async {
    return CursorPage.fromJson(fixtureObject('comments_page.json'), Comment.fromJson);
  }

  @override
  Future<Comment> addComment(int productId, String content) async {
    calls.add('comment $productId $content');
    return Comment(
      id: 9999,
      productId: productId,
      author: const CommentAuthor(id: 'alice-sub', nickname: 'alice'),
      content: content,
      createdAt: DateTime.now().toUtc(),
    );
  }

  @override
  Future<PublicProfile> user(String userId) async => PublicProfile.fromJson(fixtureObject('public_profile.json'));

  @override
  Future<MyProfile> me() async => profile;

  @override
  Future<CursorPage<Notice>> notices({String? cursor, int size = 20}) async {
    return CursorPage.fromJson(fixtureObject('notices_page.json'), Notice.fromJson);
  }

  @override
  Future<InboxPage> inbox({String? cursor, int size = 20}) async {
    final page = InboxPage.fromJson(fixtureObject('notifications_page.json'));
    return cursor == null ? page : const InboxPage(items: [], unreadCount: 2);
  }

  @override
  Future<int> markInboxRead(int upToId) async {
    markedReadUpTo = upToId;
    return 0;
  }

  @override
  Future<NotificationSettings> notificationSettings() async => settings;

  @override
  Future<NotificationSettings> updateNotificationSettings(NotificationSettings next) async {
    if (failSettingsWithConflict) {
      failSettingsWithConflict = false;
      throw const ApiException(statusCode: 409, message: 'stale version');
    }
    savedSettings.add(next);
    settings = NotificationSettings.fromJson({...next.toJson(), 'version': next.version + 1});
    return settings;
  }

  @override
  Future<void> registerDevice(String token, {String platform = 'ANDROID'}) async {
    registeredTokens.add('$token/$platform');
  }

  @override
  Future<void> unregisterDevice(String token) async => unregisteredTokens.add(token);

  @override
  Future<void> deleteAccount() async => calls.add('delete account');

  @override
  Future<int> openChatRoom(int productId) async {
    calls.add('open room $productId');
    return 88;
  }

  @override
  Future<CursorPage<ChatMessage>> messages(int roomId, {int? after, int size = 50}) async {
    if (after != null) {
      return const CursorPage<ChatMessage>(items: []);
    }
    final history = this.history;
    if (history != null) {
      return CursorPage<ChatMessage>(items: history);
    }
    return CursorPage.fromJson(fixtureObject('chat_messages_page.json'), ChatMessage.fromJson);
  }

  @override
  Future<ChatMessage> sendMessage(int roomId, String content, {required String clientMsgId}) async {
    calls.add('send $roomId $content');
    return ChatMessage(
      id: 6000,
      roomId: roomId,
      senderId: 'alice-sub',
      type: 'TEXT',
      content: content,
      clientMsgId: clientMsgId,
      sentAt: DateTime.now().toUtc(),
    );
  }

  // 동네, reviews, blocks, reports, the chat room and price offers (issue #17).

  /// What GET /api/me answers; PUT /api/me and 동네 인증 change it like the server does.
  MyProfile profile = MyProfile.fromJson(fixtureObject('my_profile.json'));
  final List<ProfileUpdate> profileUpdates = [];
  final Set<String> blockedUserIds = {};
  final List<BlockedUser> blockList =
      CursorPage.fromJson(fixtureObject('blocks_page.json'), BlockedUser.fromJson).items.toList();
  ChatRoom room = ChatRoom.fromJson(fixtureObject('chat_room.json'));

  /// Replaces the chat fixture's history (the newest page of every room) when set.
  List<ChatMessage>? history;

  List<Region> get _regions =>
      CursorPage.fromJson(fixtureObject('regions_page.json'), Region.fromJson).items;

  MyProfile _profileWith({String? regionCode, String? region, int? range, DateTime? Function()? verifiedAt}) {
    final p = profile;
    return MyProfile(
      id: p.id,
      nickname: p.nickname,
      region: region ?? p.region,
      regionCode: regionCode ?? p.regionCode,
      regionVerifiedAt: verifiedAt == null ? p.regionVerifiedAt : verifiedAt(),
      range: range ?? p.range,
      mannerTemperature: p.mannerTemperature,
      createdAt: p.createdAt,
      version: p.version + 1,
    );
  }

  @override
  Future<MyProfile> updateMe(ProfileUpdate update) async {
    profileUpdates.add(update);
    if (update.version != null && update.version != profile.version) {
      throw const ApiException(statusCode: 409, message: 'stale version');
    }
    final code = update.regionCode;
    final region = code == null ? null : _regions.firstWhere((r) => r.code == code);
    profile = _profileWith(
      regionCode: code,
      region: region?.dong,
      range: update.range,
      // A new 동네 must be verified again.
      verifiedAt: code != null && code != profile.regionCode ? () => null : null,
    );
    return profile;
  }

  @override
  Future<MyProfile> verifyRegion({required double lat, required double lng, String? regionCode}) async {
    calls.add('verify $lat,$lng $regionCode');
    profile = _profileWith(regionCode: regionCode, verifiedAt: () => DateTime.now().toUtc());
    return profile;
  }

  @override
  Future<Region> region(String code) async {
    for (final r in _regions) {
      if (r.code == code) {
        return r;
      }
    }
    throw const ApiException(
      statusCode: 404,
      message: 'not found',
      problem: Problem(type: 'about:blank', title: 'Not Found', status: 404),
    );
  }

  @override
  Future<List<Region>> searchRegions(String q, {int size = 20}) async {
    calls.add('search regions $q');
    final words = q.split(' ').where((w) => w.isNotEmpty);
    return _regions.where((r) => words.every((w) => r.fullName.contains(w))).toList();
  }

  @override
  Future<CursorPage<ReceivedReview>> userReviews(String userId, {String? cursor, int size = 20}) async {
    calls.add('reviews $userId ${cursor ?? '-'}');
    if (cursor != null) {
      return const CursorPage<ReceivedReview>(items: []);
    }
    return CursorPage.fromJson(fixtureObject('reviews_page.json'), ReceivedReview.fromJson);
  }

  @override
  Future<void> block(String userId) async {
    calls.add('block $userId');
    blockedUserIds.add(userId);
    if (room.seller.id == userId || room.buyer.id == userId) {
      room = ChatRoom(
        id: room.id,
        product: room.product,
        seller: room.seller,
        buyer: room.buyer,
        closed: room.closed,
        blocked: true,
      );
    }
  }

  @override
  Future<void> unblock(String userId) async {
    calls.add('unblock $userId');
    blockedUserIds.remove(userId);
    blockList.removeWhere((b) => b.userId == userId);
  }

  @override
  Future<CursorPage<BlockedUser>> blocks({String? cursor, int size = 20}) async {
    return CursorPage<BlockedUser>(items: [...blockList]);
  }

  @override
  Future<Report> report({
    required ReportTarget targetType,
    required String targetId,
    required ReportReason reason,
    String? text,
  }) async {
    final details = text?.trim() ?? '';
    calls.add('report ${targetType.wire} $targetId ${reason.wire}${details.isEmpty ? '' : ' $details'}');
    return Report(
      id: 77,
      targetType: targetType,
      targetId: targetId,
      reason: reason,
      text: details.isEmpty ? null : details,
      status: 'OPEN',
      createdAt: DateTime.now().toUtc(),
    );
  }

  @override
  Future<ChatRoom> chatRoom(int roomId) async => room;

  @override
  Future<ChatMessage> sendOffer(int roomId, int amount, {required String clientMsgId}) async {
    calls.add('offer $roomId $amount');
    return ChatMessage(
      id: 6001,
      roomId: roomId,
      senderId: room.buyer.id,
      type: 'OFFER',
      content: '가격 제안: $amount원',
      offer: ChatOffer(offerId: 6001, amount: amount, status: 'PENDING'),
      clientMsgId: clientMsgId,
      sentAt: DateTime.now().toUtc(),
    );
  }

  @override
  Future<ChatMessage> answerOffer(int roomId, int offerId, OfferAnswer answer, {bool reserve = true}) async {
    calls.add('${answer.name} $roomId $offerId${answer == OfferAnswer.accept ? ' reserve=$reserve' : ''}');
    final status = switch (answer) {
      OfferAnswer.accept => 'ACCEPTED',
      OfferAnswer.decline => 'DECLINED',
      OfferAnswer.withdraw => 'WITHDRAWN',
    };
    return ChatMessage(
      id: 6002,
      roomId: roomId,
      senderId: answer == OfferAnswer.withdraw ? room.buyer.id : room.seller.id,
      type: 'SYSTEM',
      content: '가격 제안이 $status 되었어요.',
      offer: ChatOffer(offerId: offerId, amount: 450000, status: status),
      sentAt: DateTime.now().toUtc(),
    );
  }
}
