import 'package:flutter/material.dart';
import 'package:flutter_test/flutter_test.dart';

import '../support/fake_auth.dart';
import '../support/fake_market_api.dart';
import '../support/test_app.dart';

void main() {
  testWidgets('signed out: public notices and a login prompt', (tester) async {
    await pumpApp(tester, api: FakeMarketApi(), location: '/inbox');

    expect(find.text('공지사항'), findsOneWidget);
    expect(find.byKey(const ValueKey('notice-12')), findsOneWidget);
    expect(find.text('땅근마켓 거래 안전 수칙'), findsOneWidget);
    expect(find.byKey(const ValueKey('inbox-login')), findsOneWidget);
  });

  testWidgets('signed in: the inbox with the unread badge, mark all read', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/inbox', session: fakeSession());

    expect(find.byKey(const ValueKey('inbox-3307')), findsOneWidget);
    expect(find.text('서비스 점검 안내'), findsOneWidget);
    // The badge on the 알림 tab.
    expect(find.text('2'), findsOneWidget);

    await tester.tap(find.byKey(const ValueKey('mark-all-read')));
    await tester.pumpAndSettle();

    expect(api.markedReadUpTo, 3307);
    expect(find.byKey(const ValueKey('mark-all-read')), findsNothing);
  });

  testWidgets('tapping a chat notification opens the room and marks it read', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/inbox', session: fakeSession());

    await tester.tap(find.byKey(const ValueKey('inbox-3307')));
    await tester.pumpAndSettle();

    expect(api.markedReadUpTo, 3307);
    expect(find.byKey(const ValueKey('message-5120')), findsOneWidget);
  });

  testWidgets('tapping a comment notification opens the listing', (tester) async {
    await pumpApp(tester, api: FakeMarketApi(), location: '/inbox', session: fakeSession());

    await tester.tap(find.byKey(const ValueKey('inbox-3301')));
    await tester.pumpAndSettle();

    expect(find.byKey(const ValueKey('product-price')), findsOneWidget);
  });
}
