import 'package:ddangn_market/api/market_api.dart';
import 'package:flutter/material.dart';
import 'package:flutter_test/flutter_test.dart';

import '../support/fake_auth.dart';
import '../support/fake_market_api.dart';
import '../support/test_app.dart';

void main() {
  testWidgets('shows the feed with prices, 나눔 for 0 and the status', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api);

    expect(find.text('아이패드 에어 5세대 64GB 스페이스그레이'), findsOneWidget);
    expect(find.text('550,000원'), findsOneWidget);
    expect(find.text('원목 책상 나눔해요'), findsOneWidget);
    expect(find.text('나눔'), findsWidgets);
    expect(find.byKey(const ValueKey('status-RESERVED')), findsOneWidget);
    expect(find.text('예약중'), findsOneWidget);
  });

  testWidgets('loads the next page with the cursor when the end comes into view', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api);

    // The first page is short, so the footer is visible and asks for more at once.
    expect(api.productCursors, [null, 'eyJrIjoxNzk1NjgwODcwMDAwMDAwLCJpZCI6MTAzOX0']);
    expect(find.text('캠핑 의자 2개'), findsOneWidget);
  });

  testWidgets('category chips filter the feed', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api);

    await tester.tap(find.byKey(const ValueKey('category-FURNITURE')));
    await tester.pumpAndSettle();

    expect(api.productQueries.last.category, 'FURNITURE');
    expect(find.text('원목 책상 나눔해요'), findsOneWidget);
    expect(find.text('아이패드 에어 5세대 64GB 스페이스그레이'), findsNothing);
  });

  testWidgets('search sends the text as q', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api);

    await tester.enterText(find.byKey(const ValueKey('search-field')), '책상');
    await tester.testTextInput.receiveAction(TextInputAction.search);
    await tester.pumpAndSettle();

    expect(api.productQueries.last, const ProductQuery(q: '책상'));
    expect(find.text('원목 책상 나눔해요'), findsOneWidget);
    expect(find.text('아이패드 에어 5세대 64GB 스페이스그레이'), findsNothing);
  });

  testWidgets('an empty result says so', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api);

    await tester.enterText(find.byKey(const ValueKey('search-field')), '자전거');
    await tester.testTextInput.receiveAction(TextInputAction.search);
    await tester.pumpAndSettle();

    expect(find.byKey(const ValueKey('feed-empty')), findsOneWidget);
  });

  testWidgets('tapping a listing opens its page', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api);

    await tester.tap(find.byKey(const ValueKey('product-1042')));
    await tester.pumpAndSettle();

    expect(find.byKey(const ValueKey('product-price')), findsOneWidget);
    expect(find.textContaining('역삼역 근처 직거래'), findsOneWidget);
  });

  testWidgets('English UI', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, locale: const Locale('en'));

    expect(find.text('₩550,000'), findsOneWidget);
    expect(find.text('Free'), findsOneWidget);
    expect(find.text('Reserved'), findsOneWidget);
    expect(find.text('Digital devices'), findsOneWidget);
  });

  testWidgets('signed out: no range chips (a range needs a 동네 to centre on)', (tester) async {
    await pumpApp(tester, api: FakeMarketApi());

    expect(find.byKey(const ValueKey('feed-range-1')), findsNothing);
  });

  testWidgets('range chips: the saved range first, then a range around my 동네, or every 동네', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, session: fakeSession());

    bool selected(String key) => tester.widget<ChoiceChip>(find.byKey(ValueKey(key))).selected;
    // my_profile.json: 역삼1동 (1168064000), range 1 (근처 동네).
    expect(selected('feed-range-1'), isTrue);
    expect(find.text('근처 동네'), findsOneWidget);
    expect(api.productQueries.first, const ProductQuery());

    await tester.tap(find.byKey(const ValueKey('feed-range-2')));
    await tester.pumpAndSettle();
    expect(api.productQueries.last, const ProductQuery(regionCode: '1168064000', range: 2));
    expect(api.productCursors.last, isNull);
    expect(selected('feed-range-2'), isTrue);
    expect(selected('feed-range-1'), isFalse);

    await tester.ensureVisible(find.byKey(const ValueKey('feed-range-all')));
    await tester.pumpAndSettle();
    await tester.tap(find.byKey(const ValueKey('feed-range-all')));
    await tester.pumpAndSettle();
    expect(api.productQueries.last, const ProductQuery(region: 'all'));
    expect(selected('feed-range-all'), isTrue);
    expect(selected('feed-range-2'), isFalse);

    await tester.ensureVisible(find.byKey(const ValueKey('feed-range-0')));
    await tester.pumpAndSettle();
    await tester.tap(find.byKey(const ValueKey('feed-range-0')));
    await tester.pumpAndSettle();
    expect(api.productQueries.last, const ProductQuery(regionCode: '1168064000', range: 0));
  });

  testWidgets('a range keeps the search text and category', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, session: fakeSession());

    await tester.enterText(find.byKey(const ValueKey('search-field')), '책상');
    await tester.testTextInput.receiveAction(TextInputAction.search);
    await tester.pumpAndSettle();
    await tester.ensureVisible(find.byKey(const ValueKey('feed-range-3')));
    await tester.pumpAndSettle();
    await tester.tap(find.byKey(const ValueKey('feed-range-3')));
    await tester.pumpAndSettle();

    expect(api.productQueries.last, const ProductQuery(q: '책상', regionCode: '1168064000', range: 3));
  });
}
