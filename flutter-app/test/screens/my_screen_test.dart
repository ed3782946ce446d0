import 'package:ddangn_market/api/market_api.dart';
import 'package:ddangn_market/location/location_source.dart';
import 'package:ddangn_market/models/models.dart';
import 'package:flutter/material.dart';
import 'package:flutter_test/flutter_test.dart';

import '../support/fake_auth.dart';
import '../support/fake_location.dart';
import '../support/fake_market_api.dart';
import '../support/fixtures.dart';
import '../support/test_app.dart';

bool chipSelected(WidgetTester tester, String key) => tester.widget<ChoiceChip>(find.byKey(ValueKey(key))).selected;

MyProfile unverifiedProfile() => MyProfile.fromJson({...fixtureObject('my_profile.json'), 'regionVerifiedAt': null});

void main() {
  testWidgets('내 동네 by its full name, with the 동네 인증 badge and the saved range', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/my', session: fakeSession());

    expect(find.text('서울특별시 강남구 역삼1동'), findsOneWidget);
    expect(find.byKey(const ValueKey('region-verified')), findsOneWidget);
    expect(find.byKey(const ValueKey('region-verify')), findsNothing);
    expect(chipSelected(tester, 'my-range-1'), isTrue);
    expect(chipSelected(tester, 'my-range-3'), isFalse);
    expect(find.text('근처 동네'), findsOneWidget);
  });

  testWidgets('a range chip saves the range with the profile version and reloads the feed', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/my', session: fakeSession());

    await tester.tap(find.byKey(const ValueKey('my-range-3')));
    await tester.pumpAndSettle();

    final update = api.profileUpdates.single;
    expect(update.range, 3);
    expect(update.version, 4);
    expect(update.nickname, '역삼동고양이');
    expect(update.regionCode, isNull);
    expect(chipSelected(tester, 'my-range-3'), isTrue);
    // The feed went back to the server's default place: the saved 동네 and range.
    expect(api.productQueries.last, const ProductQuery());
  });

  testWidgets('동네 변경: search a 동, pick it; the new 동네 is not verified yet', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/my', session: fakeSession());

    await tester.tap(find.byKey(const ValueKey('region-change')));
    await tester.pumpAndSettle();
    await tester.enterText(find.byKey(const ValueKey('region-search')), '역삼2');
    await tester.testTextInput.receiveAction(TextInputAction.search);
    await tester.pumpAndSettle();

    expect(api.calls, contains('search regions 역삼2'));
    expect(find.byKey(const ValueKey('region-result-1168064000')), findsNothing);
    await tester.tap(find.byKey(const ValueKey('region-result-1168065000')));
    await tester.pumpAndSettle();

    expect(api.profileUpdates.single.regionCode, '1168065000');
    expect(api.profileUpdates.single.version, 4);
    expect(find.text('서울특별시 강남구 역삼2동'), findsOneWidget);
    expect(find.byKey(const ValueKey('region-search')), findsNothing);
    expect(find.byKey(const ValueKey('region-unverified')), findsOneWidget);
    expect(find.byKey(const ValueKey('region-verify')), findsOneWidget);
  });

  testWidgets('a search that finds nothing says so', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/my', session: fakeSession());

    await tester.tap(find.byKey(const ValueKey('region-change')));
    await tester.pumpAndSettle();
    await tester.enterText(find.byKey(const ValueKey('region-search')), '부산 해운대');
    await tester.tap(find.byKey(const ValueKey('region-search-button')));
    await tester.pumpAndSettle();

    expect(find.byKey(const ValueKey('region-none')), findsOneWidget);
    expect(api.profileUpdates, isEmpty);
  });

  testWidgets('동네 인증 sends the device position and shows the badge', (tester) async {
    final api = FakeMarketApi()..profile = unverifiedProfile();
    final position = FakeLocationSource();
    await pumpApp(tester, api: api, location: '/my', session: fakeSession(), position: position);

    expect(find.byKey(const ValueKey('region-unverified')), findsOneWidget);
    await tester.tap(find.byKey(const ValueKey('region-verify')));
    await tester.pumpAndSettle();

    expect(position.asked, 1);
    expect(api.calls, contains('verify 37.500123,127.036456 1168064000'));
    expect(find.byKey(const ValueKey('region-verified')), findsOneWidget);
    expect(find.byKey(const ValueKey('region-verify')), findsNothing);
    expect(find.text('역삼1동 동네 인증을 마쳤어요.'), findsOneWidget);
  });

  testWidgets('a refused location permission says so and sends nothing', (tester) async {
    final api = FakeMarketApi()..profile = unverifiedProfile();
    final position = FakeLocationSource(failure: const LocationFailure(LocationProblem.denied));
    await pumpApp(tester, api: api, location: '/my', session: fakeSession(), position: position);

    await tester.tap(find.byKey(const ValueKey('region-verify')));
    await tester.pumpAndSettle();

    expect(find.text('위치 권한이 없어요. 설정에서 위치 접근을 허용해 주세요.'), findsOneWidget);
    expect(api.calls.where((c) => c.startsWith('verify')), isEmpty);
    expect(find.byKey(const ValueKey('region-unverified')), findsOneWidget);
  });

  testWidgets('without a 동네 the picker is open and there is no range yet', (tester) async {
    final api = FakeMarketApi()
      ..profile = MyProfile.fromJson({
        ...fixtureObject('my_profile.json'),
        'region': null,
        'regionCode': null,
        'regionVerifiedAt': null,
      });
    await pumpApp(tester, api: api, location: '/my', session: fakeSession());

    expect(find.text('동네가 설정되지 않았어요.'), findsWidgets);
    expect(find.byKey(const ValueKey('region-search')), findsOneWidget);
    expect(find.byKey(const ValueKey('my-range-0')), findsNothing);
    expect(find.byKey(const ValueKey('region-verify')), findsNothing);
  });

  testWidgets('settings opens from 나의 땅근', (tester) async {
    await pumpApp(tester, api: FakeMarketApi(), location: '/my', session: fakeSession());

    await tester.tap(find.byKey(const ValueKey('settings')));
    await tester.pumpAndSettle();

    expect(find.byKey(const ValueKey('setting-chat')), findsOneWidget);
    expect(find.byKey(const ValueKey('delete-account')), findsOneWidget);
  });
}
