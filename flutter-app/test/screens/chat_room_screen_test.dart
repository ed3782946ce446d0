import 'package:ddangn_market/models/models.dart';
import 'package:flutter/material.dart';
import 'package:flutter_test/flutter_test.dart';

import '../support/fake_auth.dart';
import '../support/fake_market_api.dart';
import '../support/fixtures.dart';
import '../support/test_app.dart';

const sellerId = '6f1c2a9e-3b7d-4e52-9a0b-2d4c8e1f7a33';
const buyerId = '0b5e7c2d-91aa-4f0e-8d3c-5a6b7c8d9e0f';

/// The fixture's history plus a PENDING offer of 450,000원 from the buyer.
List<ChatMessage> historyWithPendingOffer() {
  final page = CursorPage.fromJson(fixtureObject('chat_messages_page.json'), ChatMessage.fromJson);
  return [
    ...page.items,
    ChatMessage.fromJson({
      'id': 5124,
      'roomId': 88,
      'senderId': buyerId,
      'type': 'OFFER',
      'content': '가격 제안: 450,000원',
      'offer': {'offerId': 5124, 'amount': 450000, 'status': 'PENDING'},
      'clientMsgId': 'app-1764152000000-44',
      'sentAt': '2026-11-26T10:05:00Z',
    }),
  ];
}

String textOf(WidgetTester tester, String key) => tester.widget<Text>(find.byKey(ValueKey(key))).data!;

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

  testWidgets('an answered offer shows its amount and status, without buttons', (tester) async {
    await pumpApp(tester, api: FakeMarketApi(), location: '/chat/88', session: fakeSession());

    // The room names the other party.
    expect(find.text('역삼동고양이'), findsOneWidget);
    expect(textOf(tester, 'offer-amount-5121'), '400,000원');
    expect(textOf(tester, 'offer-status-5121'), '수락됨');
    expect(find.byKey(const ValueKey('offer-withdraw-5121')), findsNothing);
    expect(find.byKey(const ValueKey('offer-accept-5121')), findsNothing);
  });

  testWidgets('the buyer offers less than the asking price, then withdraws the offer', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/chat/88', session: fakeSession());

    await tester.tap(find.byKey(const ValueKey('offer-button')));
    await tester.pumpAndSettle();
    await tester.enterText(find.byKey(const ValueKey('offer-amount')), '600000');
    await tester.tap(find.byKey(const ValueKey('offer-submit')));
    await tester.pumpAndSettle();

    // At or above the price (550,000원) is no offer.
    expect(find.text('판매 가격보다 낮은 금액을 제안해 주세요.'), findsOneWidget);
    expect(api.calls.where((c) => c.startsWith('offer')), isEmpty);

    await tester.enterText(find.byKey(const ValueKey('offer-amount')), '500000');
    await tester.tap(find.byKey(const ValueKey('offer-submit')));
    await tester.pumpAndSettle();

    expect(api.calls, contains('offer 88 500000'));
    expect(textOf(tester, 'offer-amount-6001'), '500,000원');
    expect(textOf(tester, 'offer-status-6001'), '응답 대기 중');
    // Only the seller answers.
    expect(find.byKey(const ValueKey('offer-accept-6001')), findsNothing);

    await tester.tap(find.byKey(const ValueKey('offer-withdraw-6001')));
    await tester.pumpAndSettle();

    expect(api.calls, contains('withdraw 88 6001'));
    expect(textOf(tester, 'offer-status-6001'), '취소됨');
    expect(find.byKey(const ValueKey('offer-withdraw-6001')), findsNothing);
  });

  testWidgets('the seller accepts a pending offer, reserving the listing by default', (tester) async {
    final api = FakeMarketApi()..history = historyWithPendingOffer();
    await pumpApp(tester, api: api, location: '/chat/88', session: fakeSession(sub: sellerId, username: 'alice'));

    expect(find.text('bob'), findsOneWidget);
    // The seller makes no offers.
    expect(find.byKey(const ValueKey('offer-button')), findsNothing);
    expect(find.byKey(const ValueKey('offer-withdraw-5124')), findsNothing);
    expect(tester.widget<Checkbox>(find.byKey(const ValueKey('offer-reserve-5124'))).value, isTrue);

    await tester.tap(find.byKey(const ValueKey('offer-accept-5124')));
    await tester.pumpAndSettle();

    expect(api.calls, contains('accept 88 5124 reserve=true'));
    expect(textOf(tester, 'offer-status-5124'), '수락됨');
    expect(find.byKey(const ValueKey('offer-accept-5124')), findsNothing);
  });

  testWidgets('the seller may accept without making the listing 예약중', (tester) async {
    final api = FakeMarketApi()..history = historyWithPendingOffer();
    await pumpApp(tester, api: api, location: '/chat/88', session: fakeSession(sub: sellerId, username: 'alice'));

    await tester.tap(find.byKey(const ValueKey('offer-reserve-5124')));
    await tester.pump();
    await tester.tap(find.byKey(const ValueKey('offer-accept-5124')));
    await tester.pumpAndSettle();

    expect(api.calls, contains('accept 88 5124 reserve=false'));
  });

  testWidgets('the seller declines a pending offer', (tester) async {
    final api = FakeMarketApi()..history = historyWithPendingOffer();
    await pumpApp(tester, api: api, location: '/chat/88', session: fakeSession(sub: sellerId, username: 'alice'));

    await tester.tap(find.byKey(const ValueKey('offer-decline-5124')));
    await tester.pumpAndSettle();

    expect(api.calls, contains('decline 88 5124'));
    expect(textOf(tester, 'offer-status-5124'), '거절됨');
  });

  testWidgets('blocking the other party makes the room read-only', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/chat/88', session: fakeSession());

    await tester.tap(find.byKey(const ValueKey('room-menu')));
    await tester.pumpAndSettle();
    await tester.tap(find.byKey(const ValueKey('menu-block')));
    await tester.pumpAndSettle();
    await tester.tap(find.byKey(const ValueKey('block-confirm')));
    await tester.pumpAndSettle();

    expect(api.calls, contains('block $sellerId'));
    expect(find.byKey(const ValueKey('room-read-only')), findsOneWidget);
    expect(find.text('차단된 사용자와는 대화할 수 없어요. 이전 대화만 볼 수 있어요.'), findsOneWidget);
    expect(find.byKey(const ValueKey('message-field')), findsNothing);
    expect(find.byKey(const ValueKey('offer-button')), findsNothing);
    // The history stays readable.
    expect(find.byKey(const ValueKey('message-5120')), findsOneWidget);
  });

  testWidgets('reporting the other party sends a USER report', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/chat/88', session: fakeSession());

    await tester.tap(find.byKey(const ValueKey('room-menu')));
    await tester.pumpAndSettle();
    await tester.tap(find.byKey(const ValueKey('menu-report')));
    await tester.pumpAndSettle();

    expect(find.text('신고하기 · 사용자'), findsOneWidget);
    await tester.tap(find.byKey(const ValueKey('report-reason-ABUSE')));
    await tester.pump();
    await tester.tap(find.byKey(const ValueKey('report-submit')));
    await tester.pumpAndSettle();

    expect(api.calls, contains('report USER $sellerId ABUSE'));
  });

  testWidgets('a closed room (the other party left) has no composer', (tester) async {
    final api = FakeMarketApi()
      ..room = ChatRoom.fromJson({
        ...fixtureObject('chat_room.json'),
        'closed': true,
        'seller': {'id': sellerId, 'nickname': '탈퇴한 사용자'},
      });
    await pumpApp(tester, api: api, location: '/chat/88', session: fakeSession());

    expect(find.text('탈퇴한 사용자와의 대화예요. 더 이상 메시지를 보낼 수 없어요.'), findsOneWidget);
    expect(find.byKey(const ValueKey('message-field')), findsNothing);
  });

  testWidgets('shows a PHOTO message as thumbnails; a tap opens the photo full size', (tester) async {
    final api = FakeMarketApi();
    await pumpApp(tester, api: api, location: '/chat/88', session: fakeSession());

    expect(find.byKey(const ValueKey('message-5123')), findsOneWidget);
    expect(find.byKey(const ValueKey('photo-5123-0')), findsOneWidget);
    expect(find.byKey(const ValueKey('photo-5123-1')), findsOneWidget);
    expect(find.bySemanticsLabel('사진 2/2'), findsOneWidget);

    await tester.tap(find.byKey(const ValueKey('photo-5123-1')));
    await tester.pumpAndSettle();

    expect(find.byKey(const ValueKey('photo-viewer')), findsOneWidget);
    expect(find.text('2 / 2'), findsOneWidget);
    expect(find.byKey(const ValueKey('photo-full-1')), findsOneWidget);
  });
}
