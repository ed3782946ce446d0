import 'package:ddangn_market/models/models.dart';
import 'package:flutter_test/flutter_test.dart';

import '../support/fixtures.dart';

void main() {
  group('product list page', () {
    final page = CursorPage.fromJson(fixtureObject('products_page.json'), ProductListItem.fromJson);

    test('reads items and the cursor', () {
      expect(page.items, hasLength(2));
      expect(page.nextCursor, 'eyJrIjoxNzk1NjgwODcwMDAwMDAwLCJpZCI6MTAzOX0');
      expect(page.hasMore, isTrue);
    });

    test('reads a listing with seller and counts', () {
      final item = page.items.first;
      expect(item.id, 1042);
      expect(item.title, '아이패드 에어 5세대 64GB 스페이스그레이');
      expect(item.price, 550000);
      expect(item.status, ProductStatus.onSale);
      expect(item.seller.nickname, '역삼동고양이');
      expect(item.seller.mannerTemperature, 38.2);
      expect(item.thumbnailUrl, '/api/images/7c9e6679-7425-40de-944b-e07fc1f90ae7-thumb');
      expect(item.likeCount, 12);
      expect(item.bumpedAt, DateTime.utc(2026, 11, 26, 8, 1, 10));
    });

    test('price 0 is 나눔, a missing thumbnail is null, offsets are honoured', () {
      final free = page.items.last;
      expect(free.isFree, isTrue);
      expect(free.thumbnailUrl, isNull);
      expect(free.status, ProductStatus.reserved);
      expect(free.liked, isTrue);
      // 22:30 in Seoul is 13:30 UTC.
      expect(free.createdAt.toUtc(), DateTime.utc(2026, 11, 24, 13, 30));
      // An integral manner temperature (36.5 here, but 37 in JSON is an int) reads as a double.
      expect(free.seller.mannerTemperature, 36.5);
    });
  });

  test('an integral manner temperature in JSON (int) still reads', () {
    final seller = Seller.fromJson({'id': 'x', 'nickname': 'n', 'mannerTemperature': 37});
    expect(seller.mannerTemperature, 37.0);
  });

  test('an unknown status is rejected, not silently mapped', () {
    expect(() => ProductStatus.parse('GONE'), throwsFormatException);
  });

  test('product detail with images', () {
    final p = Product.fromJson(fixtureObject('product_detail.json'));
    expect(p.description, contains('역삼역'));
    expect(p.images, hasLength(2));
    expect(p.images.first.url, '/api/images/7c9e6679-7425-40de-944b-e07fc1f90ae7');
    expect(p.images.last.width, 1200);
    expect(p.negotiable, isTrue);
    expect(p.version, 3);
    expect(p.copyWith(liked: true, likeCount: 13).likeCount, 13);
  });

  test('categories', () {
    final categories = (fixture('categories.json')! as List<dynamic>)
        .map((e) => Category.fromJson(e as Map<String, dynamic>))
        .toList();
    expect(categories.first.code, 'DIGITAL');
    expect(categories.first.label('ko'), '디지털기기');
    expect(categories.first.label('en'), 'Digital devices');
    expect(categories.map((c) => c.name), contains('삽니다'));
  });

  test('comments page, oldest first', () {
    final page = CursorPage.fromJson(fixtureObject('comments_page.json'), Comment.fromJson);
    expect(page.items.map((c) => c.id), [9001, 9004, 9007]);
    expect(page.items.first.author.nickname, 'bob');
    // the author of the last one deleted their account (탈퇴): no id, shown as 탈퇴한 사용자
    expect(page.items.last.author.id, isNull);
    expect(page.items.last.author.nickname, '탈퇴한 사용자');
    expect(page.items.first.productId, 1042);
    expect(page.hasMore, isFalse);
  });

  test('public profile never has an email', () {
    final json = fixtureObject('public_profile.json');
    final profile = PublicProfile.fromJson(json);
    expect(profile.onSaleCount, 4);
    expect(profile.soldCount, 17);
    expect(json.containsKey('email'), isFalse);
  });

  test('my profile', () {
    final me = MyProfile.fromJson(fixtureObject('my_profile.json'));
    expect(me.region, '역삼동');
    expect(me.createdAt, DateTime.utc(2026, 3, 2, 7, 45));
  });

  test('inbox page with data for navigation and the unread count', () {
    final page = InboxPage.fromJson(fixtureObject('notifications_page.json'));
    expect(page.unreadCount, 2);
    expect(page.items.first.type, 'CHAT_MESSAGE');
    expect(page.items.first.data, {'roomId': '88', 'productId': '1042', 'messageId': '5120'});
    expect(page.items.first.read, isFalse);
    expect(page.items.last.markedRead().read, isTrue);
    expect(page.nextCursor, isNotNull);
  });

  test('inbox item without data', () {
    final item = InboxItem.fromJson({
      'id': 1,
      'type': 'NOTICE',
      'title': 't',
      'body': 'b',
      'data': null,
      'read': false,
      'createdAt': '2026-11-26T10:00:00Z',
    });
    expect(item.data, isEmpty);
  });

  test('notification settings: marketing off by default, round trip, consent rules', () {
    final json = fixtureObject('notification_settings.json');
    final s = NotificationSettings.fromJson(json);
    expect(s.marketing, isFalse);
    expect(s.marketingNight, isFalse);
    expect(s.toJson(), json);
    final consented = s.copyWith(marketing: true, marketingNight: true);
    expect(consented.marketingNight, isTrue);
    // Withdrawing marketing consent withdraws night consent too.
    expect(consented.copyWith(marketing: false).marketingNight, isFalse);
  });

  test('problem with field errors', () {
    final p = Problem.fromJson(fixtureObject('problem.json'));
    expect(p.status, 400);
    expect(p.title, 'Bad Request');
    expect(p.errors.map((e) => e.field), ['price', 'title']);
  });

  test('problem without optional members', () {
    final p = Problem.fromJson({'title': 'Not Found', 'status': 404});
    expect(p.type, 'about:blank');
    expect(p.detail, isNull);
    expect(p.errors, isEmpty);
  });

  test('notices page', () {
    final page = CursorPage.fromJson(fixtureObject('notices_page.json'), Notice.fromJson);
    expect(page.items.first.link, isNull);
    expect(page.items.last.link, 'https://example.com/safety');
    expect(page.items.first.publishedAt, DateTime.utc(2026, 11, 24, 1));
  });

  test('chat messages page', () {
    final page = CursorPage.fromJson(fixtureObject('chat_messages_page.json'), ChatMessage.fromJson);
    expect(page.items.map((m) => m.id), [5119, 5120, 5121, 5122]);
    expect(page.items[1].roomId, 88);
    expect(page.items[1].clientMsgId, 'app-1764151080000-42');
    expect(page.items.first.offer, isNull);
    final offer = page.items[2];
    expect(offer.type, 'OFFER');
    expect(offer.offer!.offerId, 5121);
    expect(offer.offer!.amount, 400000);
    expect(offer.offer!.status, 'ACCEPTED');
    expect(offer.offer!.isPending, isFalse);
    final change = page.items.last;
    expect(change.type, 'SYSTEM');
    expect(change.offer!.offerId, 5121);
    expect(change.clientMsgId, isNull);
  });
}
