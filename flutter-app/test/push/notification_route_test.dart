import 'package:ddangn_market/push/notification_route.dart';
import 'package:flutter_test/flutter_test.dart';

import '../support/fixtures.dart';

void main() {
  test('a chat push opens the room, even though it names the product too', () {
    expect(routeForNotificationData({'type': 'CHAT_MESSAGE', 'roomId': '88', 'productId': '1042'}), '/chat/88');
  });

  test('comment, like, keyword, price-drop and review pushes open the listing', () {
    for (final type in ['COMMENT', 'LIKE', 'KEYWORD_MATCH', 'PRICE_DROP', 'REVIEW']) {
      expect(routeForNotificationData({'type': type, 'productId': '1042', 'notificationId': '7'}), '/products/1042');
    }
  });

  test('notices open an app link, else the inbox; web links never become routes', () {
    expect(routeForNotificationData({'type': 'NOTICE', 'noticeId': '12', 'link': '/products/5'}), '/products/5');
    expect(routeForNotificationData({'type': 'AD', 'noticeId': '13', 'link': 'https://example.com/x'}), '/inbox');
    expect(routeForNotificationData({'type': 'NOTICE', 'noticeId': '12'}), '/inbox');
    expect(routeForNotificationData({'link': '/admin/notices'}, type: 'NOTICE'), '/inbox');
  });

  test('garbage ids are ignored', () {
    expect(routeForNotificationData({'productId': 'abc'}), isNull);
    expect(routeForNotificationData({'roomId': '-1', 'productId': '3'}), '/products/3');
    expect(routeForNotificationData(const {}), isNull);
  });

  test('every inbox fixture item leads somewhere', () {
    final items = (fixtureObject('notifications_page.json')['items'] as List<dynamic>).cast<Map<String, dynamic>>();
    final routes = [
      for (final item in items)
        routeForNotificationData(item['data'] as Map<String, dynamic>, type: item['type'] as String),
    ];
    expect(routes, ['/chat/88', '/products/1042', '/inbox']);
  });
}
