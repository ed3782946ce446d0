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
      return (q == null || p.title.contains(q)) && (query.category == null || p.category == query.category);
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
  Future<MyProfile> me() async => MyProfile.fromJson(fixtureObject('my_profile.json'));

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
}
