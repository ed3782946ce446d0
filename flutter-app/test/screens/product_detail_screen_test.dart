import 'package:flutter/material.dart';
import 'package:flutter_test/flutter_test.dart';

import '../support/fake_auth.dart';
import '../support/fake_market_api.dart';
import '../support/test_app.dart';

void main() {
  testWidgets('shows photos, price, seller with manner temperature and comments', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/products/1042');

    expect(find.byKey(const ValueKey('photo-pager')), findsOneWidget);
    expect(find.text('1/2'), findsOneWidget);
    expect(find.text('550,000원'), findsOneWidget);
    expect(find.text('가격제안 가능'), findsOneWidget);
    expect(find.text('역삼동고양이'), findsWidgets);
    expect(find.text('38.2°C'), findsOneWidget);
    expect(find.textContaining('디지털기기 · '), findsOneWidget);
    expect(find.byKey(const ValueKey('comment-9001')), findsOneWidget);
    expect(find.text('펜슬은 따로 없어요!'), findsOneWidget);
  });

  testWidgets('swiping the pager shows the next photo number', (tester) async {
    await pumpApp(tester, api: FakeMarketApi(), location: '/products/1042');

    await tester.drag(find.byKey(const ValueKey('photo-pager')), const Offset(-600, 0));
    await tester.pumpAndSettle();

    expect(find.text('2/2'), findsOneWidget);
  });

  testWidgets('liking while signed out goes to login', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/products/1042');

    await tester.tap(find.byKey(const ValueKey('like-button')));
    await tester.pumpAndSettle();

    expect(find.byKey(const ValueKey('login-button')), findsOneWidget);
    expect(api.calls, isNot(contains('like 1042')));
  });

  testWidgets('a signed-in user likes, comments and opens the chat', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/products/1042', session: fakeSession());

    await tester.tap(find.byKey(const ValueKey('like-button')));
    await tester.pumpAndSettle();
    expect(api.calls, contains('like 1042'));
    expect(find.byIcon(Icons.favorite), findsOneWidget);
    expect(find.textContaining('관심 13'), findsOneWidget);

    await tester.enterText(find.byKey(const ValueKey('comment-field')), '네고 가능할까요?');
    await tester.tap(find.byKey(const ValueKey('comment-send')));
    await tester.pumpAndSettle();
    expect(api.calls, contains('comment 1042 네고 가능할까요?'));
    expect(find.text('네고 가능할까요?'), findsOneWidget);

    await tester.tap(find.byKey(const ValueKey('chat-button')));
    await tester.pumpAndSettle();
    expect(api.calls, contains('open room 1042'));
    expect(find.text('내일 저녁 7시에 역삼역 3번 출구 괜찮으세요?'), findsOneWidget);
  });

  testWidgets('the seller sees their own listing, without a chat button to themselves', (tester) async {
    await pumpApp(
      tester,
      api: FakeMarketApi(),
      location: '/products/1042',
      session: fakeSession(sub: '6f1c2a9e-3b7d-4e52-9a0b-2d4c8e1f7a33', username: 'alice'),
    );

    final button = tester.widget<FilledButton>(find.byKey(const ValueKey('chat-button')));
    expect(button.onPressed, isNull);
    expect(find.text('내 게시글'), findsOneWidget);
  });

  testWidgets('a missing listing shows the problem title and a retry', (tester) async {
    await pumpApp(tester, api: FakeMarketApi(), location: '/products/7');

    expect(find.text('Not Found'), findsOneWidget);
    expect(find.text('다시 시도'), findsOneWidget);
  });

  testWidgets("the seller's reviews unfold under the seller, with more on demand", (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/products/1042');

    // public_profile.json: 12 reviews; the list itself loads only when unfolded.
    expect(find.text('받은 거래 후기 12'), findsOneWidget);
    expect(find.byKey(const ValueKey('review-311')), findsNothing);

    await tester.tap(find.text('받은 거래 후기 12'));
    await tester.pumpAndSettle();

    expect(api.calls, contains('reviews 6f1c2a9e-3b7d-4e52-9a0b-2d4c8e1f7a33 -'));
    expect(find.byKey(const ValueKey('review-311')), findsOneWidget);
    expect(find.text('최고예요 · 친절해요 · 시간 약속을 잘 지켜요 · 상품 상태가 설명과 같아요'), findsOneWidget);
    expect(find.text('친절하시고 시간 약속도 잘 지키셨어요. 물건도 설명 그대로예요!'), findsOneWidget);
    expect(find.textContaining('탈퇴한 사용자 · 판매자'), findsOneWidget);
    expect(find.byKey(const ValueKey('manner-chip-KIND')), findsOneWidget);
    expect(find.text('친절해요 9'), findsOneWidget);
    expect(find.byKey(const ValueKey('region-verified')), findsOneWidget);
    // The 매너온도 stays where the seller is shown, once.
    expect(find.text('38.2°C'), findsOneWidget);

    await tester.tap(find.byKey(const ValueKey('more-reviews')));
    await tester.pumpAndSettle();
    expect(api.calls.last, startsWith('reviews 6f1c2a9e-3b7d-4e52-9a0b-2d4c8e1f7a33 eyJ'));
    expect(find.byKey(const ValueKey('more-reviews')), findsNothing);
  });

  testWidgets('the menu reports the listing with a reason', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/products/1042', session: fakeSession());

    await tester.tap(find.byKey(const ValueKey('product-menu')));
    await tester.pumpAndSettle();
    await tester.tap(find.byKey(const ValueKey('menu-report')));
    await tester.pumpAndSettle();

    expect(find.text('신고하기 · 게시글'), findsOneWidget);
    expect(tester.widget<FilledButton>(find.byKey(const ValueKey('report-submit'))).onPressed, isNull);
    await tester.tap(find.byKey(const ValueKey('report-reason-SPAM')));
    await tester.pump();
    await tester.tap(find.byKey(const ValueKey('report-submit')));
    await tester.pumpAndSettle();

    expect(api.calls, contains('report LISTING 1042 SPAM'));
    expect(find.text('신고가 접수됐어요. 처리 결과는 알림으로 알려드릴게요.'), findsOneWidget);
  });

  testWidgets('기타 needs details before the report can be sent', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/products/1042', session: fakeSession());

    await tester.tap(find.byKey(const ValueKey('product-menu')));
    await tester.pumpAndSettle();
    await tester.tap(find.byKey(const ValueKey('menu-report')));
    await tester.pumpAndSettle();
    await tester.tap(find.byKey(const ValueKey('report-reason-OTHER')));
    await tester.pump();

    expect(find.text('자세한 내용 (필수)'), findsOneWidget);
    expect(tester.widget<FilledButton>(find.byKey(const ValueKey('report-submit'))).onPressed, isNull);
    await tester.enterText(find.byKey(const ValueKey('report-text')), '같은 사진으로 여러 번 올라왔어요.');
    await tester.pump();
    await tester.tap(find.byKey(const ValueKey('report-submit')));
    await tester.pumpAndSettle();

    expect(api.calls, contains('report LISTING 1042 OTHER 같은 사진으로 여러 번 올라왔어요.'));
  });

  testWidgets('blocking the seller asks first, then leaves the listing for a feed without theirs', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, session: fakeSession());

    await tester.tap(find.byKey(const ValueKey('product-1042')));
    await tester.pumpAndSettle();
    await tester.tap(find.byKey(const ValueKey('product-menu')));
    await tester.pumpAndSettle();
    await tester.tap(find.byKey(const ValueKey('menu-block')));
    await tester.pumpAndSettle();

    expect(find.textContaining('역삼동고양이님을 차단할까요?'), findsOneWidget);
    await tester.tap(find.byKey(const ValueKey('block-confirm')));
    await tester.pumpAndSettle();

    expect(api.calls, contains('block 6f1c2a9e-3b7d-4e52-9a0b-2d4c8e1f7a33'));
    expect(find.byKey(const ValueKey('product-price')), findsNothing);
    expect(find.byKey(const ValueKey('product-1042')), findsNothing);
    expect(find.byKey(const ValueKey('product-1039')), findsOneWidget);
    expect(find.text('역삼동고양이님을 차단했어요.'), findsOneWidget);
  });

  testWidgets('cancelling the block changes nothing', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/products/1042', session: fakeSession());

    await tester.tap(find.byKey(const ValueKey('product-menu')));
    await tester.pumpAndSettle();
    await tester.tap(find.byKey(const ValueKey('menu-block')));
    await tester.pumpAndSettle();
    await tester.tap(find.byKey(const ValueKey('block-cancel')));
    await tester.pumpAndSettle();

    expect(api.calls.where((c) => c.startsWith('block')), isEmpty);
    expect(find.byKey(const ValueKey('product-price')), findsOneWidget);
  });

  testWidgets('signed out, the menu goes to login', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/products/1042');

    await tester.tap(find.byKey(const ValueKey('product-menu')));
    await tester.pumpAndSettle();
    await tester.tap(find.byKey(const ValueKey('menu-report')));
    await tester.pumpAndSettle();

    expect(find.byKey(const ValueKey('login-button')), findsOneWidget);
    expect(api.calls.where((c) => c.startsWith('report')), isEmpty);
  });

  testWidgets('no report or block menu on my own listing', (tester) async {
    await pumpApp(
      tester,
      api: FakeMarketApi(),
      location: '/products/1042',
      session: fakeSession(sub: '6f1c2a9e-3b7d-4e52-9a0b-2d4c8e1f7a33', username: 'alice'),
    );

    expect(find.byKey(const ValueKey('product-menu')), findsNothing);
  });
}
