import 'package:flutter/foundation.dart';
import 'package:flutter/widgets.dart';
import 'package:intl/intl.dart';

/// The app's strings, Korean first. Kept as Dart maps (no code generation) so that every string is
/// checked by the same tests and parsers as the rest of the code; `test/l10n_test.dart` keeps the
/// two languages' keys identical.
class AppLocalizations {
  AppLocalizations(this.locale);

  final Locale locale;

  static const supportedLocales = <Locale>[Locale('ko'), Locale('en')];

  static const LocalizationsDelegate<AppLocalizations> delegate = _AppLocalizationsDelegate();

  static AppLocalizations of(BuildContext context) {
    return Localizations.of<AppLocalizations>(context, AppLocalizations)!;
  }

  @visibleForTesting
  static const Map<String, Map<String, String>> strings = <String, Map<String, String>>{
    'ko': <String, String>{
      'appTitle': '땅근마켓',
      'tabHome': '홈',
      'tabInbox': '알림',
      'tabMy': '나의 땅근',
      'searchHint': '검색어를 입력하세요',
      'allCategories': '전체',
      'allRegions': '모든 동네',
      'free': '나눔',
      'negotiable': '가격제안 가능',
      'statusOnSale': '판매중',
      'statusReserved': '예약중',
      'statusSold': '거래완료',
      'emptyFeed': '조건에 맞는 물건이 없어요.',
      'loadFailed': '불러오지 못했어요.',
      'retry': '다시 시도',
      'mannerTemperature': '매너온도',
      'comments': '댓글',
      'noComments': '아직 댓글이 없어요.',
      'moreComments': '댓글 더 보기',
      'commentHint': '댓글을 남겨보세요',
      'send': '보내기',
      'like': '관심',
      'views': '조회',
      'chats': '채팅',
      'startChat': '채팅하기',
      'ownListing': '내 게시글',
      'loginRequired': '로그인이 필요해요.',
      'login': '로그인',
      'signUp': '회원가입',
      'logout': '로그아웃',
      'deleteAccount': '탈퇴하기',
      'deleteAccountExplain':
          '탈퇴하면 계정과 판매글, 사진, 관심목록, 키워드 알림, 알림함이 모두 지워지고 되돌릴 수 없어요. 남긴 댓글과 거래후기는 "탈퇴한 사용자"로 남아요.',
      'deleteAccountConfirm': '계정 영구 삭제',
      'deleteAccountCancel': '취소',
      'loginTitle': '우리 동네 중고 직거래',
      'loginSubtitle': '땅근마켓 계정으로 로그인하고 이웃과 거래해 보세요.',
      'loginFailed': '로그인하지 못했어요: {message}',
      'inboxTitle': '알림',
      'inboxEmpty': '받은 알림이 없어요.',
      'markAllRead': '모두 읽음',
      'noticesTitle': '공지사항',
      'noticesEmpty': '공지사항이 없어요.',
      'settingsTitle': '알림 설정',
      'settingChat': '채팅 알림',
      'settingChatHint': '새 채팅 메시지',
      'settingActivity': '활동 알림',
      'settingActivityHint': '댓글, 관심, 가격 인하, 거래 후기',
      'settingKeywords': '키워드 알림',
      'settingKeywordsHint': '등록한 키워드의 새 글',
      'settingMarketing': '마케팅 정보 수신 동의',
      'settingMarketingHint': '이벤트·혜택 등 광고성 정보를 푸시로 받아요.',
      'settingMarketingNight': '야간 광고 수신 동의 (21시~08시)',
      'settingMarketingNightHint': '동의하지 않으면 야간 광고는 오전 8시에 받아요.',
      'consentGiven': '{date} 광고성 정보 수신에 동의했어요.',
      'consentWithdrawn': '{date} 광고성 정보 수신 동의를 철회했어요.',
      'settingsStale': '다른 기기에서 설정이 바뀌어 다시 불러왔어요.',
      'settingsSaveFailed': '설정을 저장하지 못했어요.',
      'myRegion': '내 동네: {region}',
      'noRegion': '동네가 설정되지 않았어요.',
      'chatTitle': '채팅',
      'messageHint': '메시지 보내기',
      'justNow': '방금 전',
      'minutesAgo': '{n}분 전',
      'hoursAgo': '{n}시간 전',
      'daysAgo': '{n}일 전',
      'pushDisabled': '푸시 알림이 꺼져 있어요 (Firebase 미설정).',
    },
    'en': <String, String>{
      'appTitle': 'Ddangn Market',
      'tabHome': 'Home',
      'tabInbox': 'Notifications',
      'tabMy': 'My',
      'searchHint': 'Search',
      'allCategories': 'All',
      'allRegions': 'All neighbourhoods',
      'free': 'Free',
      'negotiable': 'Offers welcome',
      'statusOnSale': 'On sale',
      'statusReserved': 'Reserved',
      'statusSold': 'Sold',
      'emptyFeed': 'Nothing matches yet.',
      'loadFailed': 'Could not load.',
      'retry': 'Retry',
      'mannerTemperature': 'Manner temperature',
      'comments': 'Comments',
      'noComments': 'No comments yet.',
      'moreComments': 'More comments',
      'commentHint': 'Write a comment',
      'send': 'Send',
      'like': 'Likes',
      'views': 'Views',
      'chats': 'Chats',
      'startChat': 'Chat',
      'ownListing': 'Your listing',
      'loginRequired': 'Please log in.',
      'login': 'Log in',
      'signUp': 'Sign up',
      'logout': 'Log out',
      'deleteAccount': 'Delete account',
      'deleteAccountExplain':
          'Your account, listings, photos, likes, keyword alerts and notifications are deleted for good. Your comments and reviews stay, shown as "탈퇴한 사용자".',
      'deleteAccountConfirm': 'Delete my account for good',
      'deleteAccountCancel': 'Cancel',
      'loginTitle': 'Buy and sell in your neighbourhood',
      'loginSubtitle': 'Log in with your Ddangn Market account to trade with neighbours.',
      'loginFailed': 'Could not log in: {message}',
      'inboxTitle': 'Notifications',
      'inboxEmpty': 'No notifications yet.',
      'markAllRead': 'Mark all read',
      'noticesTitle': 'Notices',
      'noticesEmpty': 'No notices.',
      'settingsTitle': 'Notification settings',
      'settingChat': 'Chat',
      'settingChatHint': 'New chat messages',
      'settingActivity': 'Activity',
      'settingActivityHint': 'Comments, likes, price drops, reviews',
      'settingKeywords': 'Keyword alerts',
      'settingKeywordsHint': 'New listings matching your keywords',
      'settingMarketing': 'Marketing consent',
      'settingMarketingHint': 'Receive events and offers (advertising) as push.',
      'settingMarketingNight': 'Night-time ads consent (21:00–08:00)',
      'settingMarketingNightHint': 'Without it, night-time ads arrive at 08:00.',
      'consentGiven': 'You consented to advertising on {date}.',
      'consentWithdrawn': 'You withdrew advertising consent on {date}.',
      'settingsStale': 'Settings changed on another device and were reloaded.',
      'settingsSaveFailed': 'Could not save the settings.',
      'myRegion': 'My neighbourhood: {region}',
      'noRegion': 'No neighbourhood set.',
      'chatTitle': 'Chat',
      'messageHint': 'Message',
      'justNow': 'just now',
      'minutesAgo': '{n} min ago',
      'hoursAgo': '{n} h ago',
      'daysAgo': '{n} d ago',
      'pushDisabled': 'Push notifications are off (Firebase not configured).',
    },
  };

  String get _lang => strings.containsKey(locale.languageCode) ? locale.languageCode : 'ko';

  String text(String key, [Map<String, Object> args = const <String, Object>{}]) {
    var value = strings[_lang]![key] ?? strings['ko']![key] ?? key;
    args.forEach((name, arg) => value = value.replaceAll('{$name}', '$arg'));
    return value;
  }

  String get appTitle => text('appTitle');

  /// 15,000원 / ₩15,000; 0 is 나눔 (free).
  String price(int won) {
    if (won == 0) {
      return text('free');
    }
    if (_lang == 'ko') {
      return '${NumberFormat.decimalPattern('ko').format(won)}원';
    }
    return NumberFormat.currency(locale: 'en', symbol: '₩', decimalDigits: 0).format(won);
  }

  String timeAgo(DateTime time, {DateTime? now}) {
    final elapsed = (now ?? DateTime.now()).difference(time);
    if (elapsed.inMinutes < 1) {
      return text('justNow');
    }
    if (elapsed.inHours < 1) {
      return text('minutesAgo', {'n': elapsed.inMinutes});
    }
    if (elapsed.inDays < 1) {
      return text('hoursAgo', {'n': elapsed.inHours});
    }
    if (elapsed.inDays < 30) {
      return text('daysAgo', {'n': elapsed.inDays});
    }
    return DateFormat.yMd(_lang).format(time.toLocal());
  }

  String date(DateTime time) => DateFormat.yMMMd(_lang).format(time.toLocal());
}

class _AppLocalizationsDelegate extends LocalizationsDelegate<AppLocalizations> {
  const _AppLocalizationsDelegate();

  @override
  bool isSupported(Locale locale) => AppLocalizations.strings.containsKey(locale.languageCode);

  @override
  Future<AppLocalizations> load(Locale locale) {
    return SynchronousFuture<AppLocalizations>(AppLocalizations(locale));
  }

  @override
  bool shouldReload(_AppLocalizationsDelegate old) => false;
}

extension AppLocalizationsContext on BuildContext {
  AppLocalizations get l10n => AppLocalizations.of(this);
}
