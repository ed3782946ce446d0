import 'package:ddangn_market/l10n/app_localizations.dart';
import 'package:flutter/widgets.dart';
import 'package:flutter_test/flutter_test.dart';

void main() {
  test('Korean and English have the same keys', () {
    final ko = AppLocalizations.strings['ko']!.keys.toSet();
    final en = AppLocalizations.strings['en']!.keys.toSet();
    expect(en.difference(ko), isEmpty);
    expect(ko.difference(en), isEmpty);
  });

  test('price: 0 is 나눔, otherwise won with grouping', () {
    final ko = AppLocalizations(const Locale('ko'));
    expect(ko.price(0), '나눔');
    expect(ko.price(550000), '550,000원');
    final en = AppLocalizations(const Locale('en'));
    expect(en.price(0), 'Free');
    expect(en.price(550000), '₩550,000');
  });

  test('relative times', () {
    final ko = AppLocalizations(const Locale('ko'));
    final now = DateTime.utc(2026, 11, 26, 12);
    expect(ko.timeAgo(now.subtract(const Duration(seconds: 20)), now: now), '방금 전');
    expect(ko.timeAgo(now.subtract(const Duration(minutes: 5)), now: now), '5분 전');
    expect(ko.timeAgo(now.subtract(const Duration(hours: 3)), now: now), '3시간 전');
    expect(ko.timeAgo(now.subtract(const Duration(days: 2)), now: now), '2일 전');
  });

  test('an unsupported language falls back to Korean', () {
    expect(AppLocalizations(const Locale('ja')).text('free'), '나눔');
  });

  test('placeholders are filled', () {
    expect(AppLocalizations(const Locale('en')).text('myRegion', {'region': '역삼동'}), 'My neighbourhood: 역삼동');
  });
}
