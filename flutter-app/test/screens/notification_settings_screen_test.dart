import 'package:flutter/material.dart';
import 'package:flutter_test/flutter_test.dart';

import '../support/fake_auth.dart';
import '../support/fake_market_api.dart';
import '../support/test_app.dart';

bool switchValue(WidgetTester tester, String key) =>
    tester.widget<SwitchListTile>(find.byKey(ValueKey(key))).value;

void main() {
  testWidgets('marketing is off by default and night consent needs marketing first', (tester) async {
    await pumpApp(tester, api: FakeMarketApi(), location: '/settings/notifications', session: fakeSession());

    expect(switchValue(tester, 'setting-chat'), isTrue);
    expect(switchValue(tester, 'setting-marketing'), isFalse);
    final night = tester.widget<SwitchListTile>(find.byKey(const ValueKey('setting-marketing-night')));
    expect(night.onChanged, isNull);
  });

  testWidgets('consenting to marketing saves with the version and shows the consent date', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/settings/notifications', session: fakeSession());

    await tester.tap(find.byKey(const ValueKey('setting-marketing')));
    await tester.pumpAndSettle();

    expect(api.savedSettings.single.marketing, isTrue);
    expect(api.savedSettings.single.version, 0);
    expect(find.byKey(const ValueKey('consent-snackbar')), findsOneWidget);
    expect(find.textContaining('광고성 정보 수신에 동의했어요'), findsOneWidget);
    expect(switchValue(tester, 'setting-marketing'), isTrue);

    await tester.tap(find.byKey(const ValueKey('setting-marketing-night')));
    await tester.pumpAndSettle();
    expect(api.savedSettings.last.marketingNight, isTrue);
    expect(api.savedSettings.last.version, 1);
  });

  testWidgets('a stale version reloads the settings and says so', (tester) async {
    final api = FakeMarketApi()..failSettingsWithConflict = true;
    await pumpApp(tester, api: api, location: '/settings/notifications', session: fakeSession());

    await tester.tap(find.byKey(const ValueKey('setting-chat')));
    await tester.pumpAndSettle();

    expect(api.savedSettings, isEmpty);
    expect(find.text('다른 기기에서 설정이 바뀌어 다시 불러왔어요.'), findsOneWidget);
    expect(switchValue(tester, 'setting-chat'), isTrue);
  });

  testWidgets('signed out: asks to log in', (tester) async {
    await pumpApp(tester, api: FakeMarketApi(), location: '/settings/notifications');

    expect(find.text('로그인'), findsOneWidget);
    expect(find.byKey(const ValueKey('setting-chat')), findsNothing);
  });
}
