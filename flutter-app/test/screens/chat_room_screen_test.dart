import 'package:flutter/material.dart';
import 'package:flutter_test/flutter_test.dart';

import '../support/fake_auth.dart';
import '../support/fake_market_api.dart';
import '../support/test_app.dart';

void main() {
  testWidgets('shows the history and sends a message', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/chat/88', session: fakeSession());

    expect(find.byKey(const ValueKey('message-5119')), findsOneWidget);
    expect(find.byKey(const ValueKey('message-5120')), findsOneWidget);

    await tester.enterText(find.byKey(const ValueKey('message-field')), '네 좋아요!');
    await tester.tap(find.byKey(const ValueKey('message-send')));
    await tester.pumpAndSettle();

    expect(api.calls, contains('send 88 네 좋아요!'));
    expect(find.byKey(const ValueKey('message-6000')), findsOneWidget);
  });
}
