import 'package:ddangn_market/state/providers.dart';
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

  testWidgets('blocked users are listed and can be unblocked', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/settings/notifications', session: fakeSession());

    expect(find.text('차단한 사용자'), findsOneWidget);
    expect(find.text('중고왕'), findsOneWidget);

    await tester.tap(find.byKey(const ValueKey('unblock-3d9a7b1c-5e2f-4a60-8b91-7c0d2e4f6a18')));
    await tester.pumpAndSettle();

    expect(api.calls, contains('unblock 3d9a7b1c-5e2f-4a60-8b91-7c0d2e4f6a18'));
    expect(find.text('중고왕'), findsNothing);
    expect(find.byKey(const ValueKey('blocks-empty')), findsOneWidget);
    expect(find.text('중고왕님의 차단을 해제했어요.'), findsOneWidget);
  });

  testWidgets('탈퇴 needs the word typed; then the account is deleted and the app signs out', (tester) async {
    final api = FakeMarketApi();
    final container =
        await pumpApp(tester, api: api, location: '/settings/notifications', session: fakeSession());

    await tester.tap(find.byKey(const ValueKey('delete-account')));
    await tester.pumpAndSettle();

    FilledButton confirm() => tester.widget<FilledButton>(find.byKey(const ValueKey('delete-account-confirm')));
    expect(find.textContaining('되돌릴 수 없어요'), findsOneWidget);
    expect(confirm().onPressed, isNull);
    await tester.enterText(find.byKey(const ValueKey('delete-account-word')), '탈퇴 안 해');
    await tester.pump();
    expect(confirm().onPressed, isNull);
    await tester.enterText(find.byKey(const ValueKey('delete-account-word')), '탈퇴');
    await tester.pump();
    expect(confirm().onPressed, isNotNull);

    await tester.tap(find.byKey(const ValueKey('delete-account-confirm')));
    await tester.pumpAndSettle();

    expect(api.calls, contains('delete account'));
    expect(container.read(isSignedInProvider), isFalse);
    // Home, signed out.
    expect(find.byKey(const ValueKey('search-field')), findsOneWidget);
  });

  testWidgets('cancelling 탈퇴 keeps the account', (tester) async {
    final api = FakeMarketApi();
    final container =
        await pumpApp(tester, api: api, location: '/settings/notifications', session: fakeSession());

    await tester.tap(find.byKey(const ValueKey('delete-account')));
    await tester.pumpAndSettle();
    await tester.tap(find.byKey(const ValueKey('delete-account-cancel')));
    await tester.pumpAndSettle();

    expect(api.calls, isNot(contains('delete account')));
    expect(container.read(isSignedInProvider), isTrue);
    expect(find.byKey(const ValueKey('setting-chat')), findsOneWidget);
  });
}
