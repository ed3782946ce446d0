import 'package:ddangn_market/api/market_api.dart';
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
    expect(me.region, '역삼1동');
    expect(me.regionCode, '1168064000');
    expect(me.regionVerifiedAt, DateTime.utc(2026, 11, 30, 9, 12));
    expect(me.range, 1);
    expect(me.version, 4);
    expect(me.createdAt, DateTime.utc(2026, 3, 2, 7, 45));
  });

  test('my profile before a 동네 is chosen', () {
    final me = MyProfile.fromJson({
      ...fixtureObject('my_profile.json'),
      'region': null,
      'regionCode': null,
      'regionVerifiedAt': null,
    });
    expect(me.regionCode, isNull);
    expect(me.regionVerifiedAt, isNull);
  });

  test('a region and its full name; 세종 has no 시군구', () {
    final region = Region.fromJson(fixtureObject('region.json'));
    expect(region.code, '1168064000');
    expect(region.fullName, '서울특별시 강남구 역삼1동');
    expect(region.lng, 127.032);
    const sejong = Region(code: '3611051000', sido: '세종특별자치시', sigungu: '', dong: '조치원읍', lat: 36.6, lng: 127.3);
    expect(sejong.fullName, '세종특별자치시 조치원읍');
  });

  test('region search page', () {
    final page = CursorPage.fromJson(fixtureObject('regions_page.json'), Region.fromJson);
    expect(page.items.map((r) => r.dong), ['역삼1동', '역삼2동']);
    expect(page.hasMore, isFalse);
  });

  test('reviews received: rating, chips, a reviewer who left, no comment', () {
    final page = CursorPage.fromJson(fixtureObject('reviews_page.json'), ReceivedReview.fromJson);
    final first = page.items.first;
    expect(first.rating, ReviewRating.great);
    expect(first.chips, ['KIND', 'ON_TIME', 'GOOD_CONDITION']);
    expect(first.reviewer.nickname, 'bob');
    expect(first.reviewerRole, 'BUYER');
    expect(first.product.id, 1031);
    final gone = page.items.last;
    expect(gone.reviewer.id, isNull);
    expect(gone.reviewer.nickname, '탈퇴한 사용자');
    expect(gone.comment, isNull);
    expect(gone.createdAt.toUtc(), DateTime.utc(2026, 10, 2, 0, 30));
    expect(page.hasMore, isTrue);
    expect(() => ReviewRating.parse('OK'), throwsFormatException);
  });

  test('blocked users page', () {
    final page = CursorPage.fromJson(fixtureObject('blocks_page.json'), BlockedUser.fromJson);
    expect(page.items.single.nickname, '중고왕');
    expect(page.items.single.createdAt, DateTime.utc(2026, 11, 25, 14, 3, 27));
  });

  test('a report as its reporter sees it', () {
    final report = Report.fromJson(fixtureObject('report.json'));
    expect(report.targetType, ReportTarget.listing);
    expect(report.targetId, '1042');
    expect(report.reason, ReportReason.other);
    expect(report.status, 'OPEN');
    expect(ReportReason.values.map((r) => r.wire), ['PROHIBITED_ITEM', 'FRAUD', 'ABUSE', 'SPAM', 'OTHER']);
  });

  test('a chat room: listing, seller, buyer and the other party', () {
    final room = ChatRoom.fromJson(fixtureObject('chat_room.json'));
    expect(room.product.price, 550000);
    expect(room.product.onSale, isTrue);
    expect(room.seller.nickname, '역삼동고양이');
    expect(room.otherThan('0b5e7c2d-91aa-4f0e-8d3c-5a6b7c8d9e0f').nickname, '역삼동고양이');
    expect(room.otherThan('6f1c2a9e-3b7d-4e52-9a0b-2d4c8e1f7a33').nickname, 'bob');
    expect(room.closed, isFalse);
    expect(room.blocked, isFalse);
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
    expect(page.items.map((m) => m.id), [5119, 5120, 5121, 5122, 5123]);
    expect(page.items[1].roomId, 88);
    expect(page.items[1].clientMsgId, 'app-1764151080000-42');
    expect(page.items.first.offer, isNull);
    final offer = page.items[2];
    expect(offer.type, 'OFFER');
    expect(offer.offer!.offerId, 5121);
    expect(offer.offer!.amount, 400000);
    expect(offer.offer!.status, 'ACCEPTED');
    expect(offer.offer!.isPending, isFalse);
    final change = page.items[3];
    expect(change.type, 'SYSTEM');
    expect(change.offer!.offerId, 5121);
    expect(change.clientMsgId, isNull);
    expect(change.photos, isEmpty);
    final photo = page.items.last;
    expect(photo.type, 'PHOTO');
    expect(photo.content, '');
    expect(photo.photos, hasLength(2));
    expect(photo.photos.first.url, '/api/chat/photos/7d0c1f9e-2b8a-4c55-9e61-3f2a8b7c6d10');
    expect(photo.photos.first.thumbnailUrl, '/api/chat/photos/5a9e3c1b-7f42-4d08-b6a3-0c2e9d8f1a47');
    expect(photo.photos.last.width, 960);
    expect(photo.photos.last.height, 1280);
  });

  test('a PHOTO message without a caption or photos key still parses (the service leaves nulls out)', () {
    final m = ChatMessage.fromJson({
      'id': 1,
      'roomId': 2,
      'senderId': 'u',
      'type': 'PHOTO',
      'photos': [
        {'url': '/api/chat/photos/a', 'thumbnailUrl': '/api/chat/photos/b', 'width': 4, 'height': 3},
      ],
      'sentAt': '2026-11-26T10:00:00Z',
    });
    expect(m.content, '');
    expect(m.photos.single.width, 4);
    final text = ChatMessage.fromJson({
      'id': 2,
      'roomId': 2,
      'senderId': 'u',
      'type': 'TEXT',
      'content': '안녕',
      'sentAt': '2026-11-26T10:00:00Z',
    });
    expect(text.photos, isEmpty);
  });

  test('PUT /api/me sends only what changes, with the version', () {
    expect(
      const ProfileUpdate(nickname: '역삼동고양이', range: 2, version: 4).toJson(),
      {'nickname': '역삼동고양이', 'range': 2, 'version': 4},
    );
    expect(
      const ProfileUpdate(nickname: 'n', regionCode: '1168065000').toJson(),
      {'nickname': 'n', 'regionCode': '1168065000'},
    );
  });

  test('the feed asks for a range around a 동 or everywhere', () {
    const around = ProductQuery(regionCode: '1168064000', range: 2);
    expect(around.toQueryParameters(), {'regionCode': '1168064000', 'range': '2'});
    final everywhere = around.copyWith(region: () => 'all', regionCode: () => null, range: () => null);
    expect(everywhere.toQueryParameters(), {'region': 'all'});
    expect(everywhere.copyWith(q: () => '책상').regionCode, isNull);
  });
}
