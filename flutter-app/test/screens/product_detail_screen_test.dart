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
}
