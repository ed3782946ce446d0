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
          '탈퇴하면 계정과 판매글, 사진, 관심목록, 키워드 알림, 알림함이 모두 지워지고 되돌릴 수 없어요. 남긴 댓글과 거래후기는 "탈퇴한 사용자"로 남아요. 채팅방은 닫히고 상대방은 지난 대화만 볼 수 있어요.',
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
      'photoLabel': '사진 {n}/{total}',
      'justNow': '방금 전',
      'minutesAgo': '{n}분 전',
      'hoursAgo': '{n}시간 전',
      'daysAgo': '{n}일 전',
      'pushDisabled': '푸시 알림이 꺼져 있어요 (Firebase 미설정).',
      'settings': '설정',
      'settingsHint': '알림, 차단한 사용자, 탈퇴하기',
      'cancel': '취소',
      'more': '더 보기',
      'regionTitle': '내 동네',
      'regionSet': '동네 설정',
      'regionSetHint': '동네를 설정하면 우리 동네 물건만 볼 수 있어요.',
      'regionChange': '동네 변경',
      'regionSearch': '동네 이름으로 찾기',
      'regionSearchHint': '예: 역삼, 강남 역삼',
      'regionNone': '찾는 동네가 없어요.',
      'regionVerify': '동네 인증하기',
      'regionVerifyWhy': '지금 계신 곳이 내 동네인지 확인해요. 위치는 확인에만 쓰고 저장하지 않아요.',
      'regionVerified': '동네 인증',
      'regionNotVerified': '미인증',
      'regionVerifiedNow': '{region} 동네 인증을 마쳤어요.',
      'regionLocating': '위치 확인 중…',
      'regionRange': '동네 범위',
      'range.0': '내 동네만',
      'range.1': '근처 동네',
      'range.2': '조금 먼 동네',
      'range.3': '먼 동네',
      'locationDenied': '위치 권한이 없어요. 설정에서 위치 접근을 허용해 주세요.',
      'locationDisabled': '위치 서비스가 꺼져 있어요. 켜고 다시 시도해 주세요.',
      'locationFailed': '현재 위치를 확인하지 못했어요. 잠시 후 다시 시도해 주세요.',
      'offerTitle': '가격 제안',
      'offerMake': '가격 제안하기',
      'offerAmount': '제안 금액 (원)',
      'offerPrice': '판매 가격 {price}',
      'offerSend': '제안하기',
      'offerAccept': '수락',
      'offerDecline': '거절',
      'offerWithdraw': '제안 취소',
      'offerReserve': '예약중으로 변경',
      'offerBelowPrice': '판매 가격보다 낮은 금액을 제안해 주세요.',
      'offerStatus.PENDING': '응답 대기 중',
      'offerStatus.ACCEPTED': '수락됨',
      'offerStatus.DECLINED': '거절됨',
      'offerStatus.WITHDRAWN': '취소됨',
      'chatBlocked': '차단된 사용자와는 대화할 수 없어요. 이전 대화만 볼 수 있어요.',
      'chatClosed': '탈퇴한 사용자와의 대화예요. 더 이상 메시지를 보낼 수 없어요.',
      'block': '차단하기',
      'blockUser': '{name}님 차단하기',
      'blockConfirm': '{name}님을 차단할까요? 서로의 게시글과 댓글이 보이지 않고 채팅할 수 없어요.',
      'blockDone': '{name}님을 차단했어요.',
      'unblock': '차단 해제',
      'unblockDone': '{name}님의 차단을 해제했어요.',
      'blocksTitle': '차단한 사용자',
      'blocksEmpty': '차단한 사용자가 없어요.',
      'report': '신고하기',
      'reportReason': '신고 사유',
      'reportReason.PROHIBITED_ITEM': '판매 금지 물품이에요',
      'reportReason.FRAUD': '사기가 의심돼요',
      'reportReason.ABUSE': '욕설·비방을 해요',
      'reportReason.SPAM': '광고·도배예요',
      'reportReason.OTHER': '기타',
      'reportText': '자세한 내용 (선택)',
      'reportTextRequired': '자세한 내용 (필수)',
      'reportSubmit': '신고 보내기',
      'reportSent': '신고가 접수됐어요. 처리 결과는 알림으로 알려드릴게요.',
      'reportTarget.LISTING': '게시글',
      'reportTarget.USER': '사용자',
      'reportTarget.COMMENT': '댓글',
      'reportTarget.MESSAGE': '채팅 메시지',
      'reviewsTitle': '받은 거래 후기',
      'reviewsCount': '받은 거래 후기 {n}',
      'reviewsEmpty': '아직 받은 후기가 없어요.',
      'moreReviews': '후기 더 보기',
      'sellerCounts': '판매중 {onSale} · 거래완료 {sold}',
      'mannerChips': '받은 매너 평가',
      'reviewRole.BUYER': '구매자',
      'reviewRole.SELLER': '판매자',
      'reviewRating.GREAT': '최고예요',
      'reviewRating.GOOD': '좋아요',
      'reviewRating.BAD': '별로예요',
      'reviewChip.KIND': '친절해요',
      'reviewChip.ON_TIME': '시간 약속을 잘 지켜요',
      'reviewChip.FAST_REPLY': '응답이 빨라요',
      'reviewChip.GOOD_CONDITION': '상품 상태가 설명과 같아요',
      'reviewChip.FAIR_PRICE': '좋은 가격에 거래했어요',
      'reviewChip.LATE': '약속 시간을 안 지켜요',
      'reviewChip.SLOW_REPLY': '응답이 느려요',
      'reviewChip.RUDE': '불친절해요',
      'reviewChip.NOT_AS_DESCRIBED': '상품 상태가 설명과 달라요',
      'reviewChip.NO_SHOW': '약속 장소에 나타나지 않았어요',
      'deleteAccountTypeLabel': '확인을 위해 "탈퇴"를 입력해 주세요',
      'deleteAccountWord': '탈퇴',
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
          'Your account, listings, photos, likes, keyword alerts and notifications are deleted for good. Your comments and reviews stay, shown as "탈퇴한 사용자". Your chats close; the other person can still read them.',
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
      'photoLabel': 'Photo {n} of {total}',
      'justNow': 'just now',
      'minutesAgo': '{n} min ago',
      'hoursAgo': '{n} h ago',
      'daysAgo': '{n} d ago',
      'pushDisabled': 'Push notifications are off (Firebase not configured).',
      'settings': 'Settings',
      'settingsHint': 'Notifications, blocked users, delete account',
      'cancel': 'Cancel',
      'more': 'More',
      'regionTitle': 'My neighbourhood',
      'regionSet': 'Set',
      'regionSetHint': 'Set your neighbourhood to see listings near you.',
      'regionChange': 'Change',
      'regionSearch': 'Find a neighbourhood by name',
      'regionSearchHint': 'e.g. 역삼, 강남 역삼',
      'regionNone': 'No neighbourhood found.',
      'regionVerify': 'Verify my neighbourhood',
      'regionVerifyWhy':
          'Checks that you are in your neighbourhood now. Your position is used for the check only and never stored.',
      'regionVerified': 'Verified',
      'regionNotVerified': 'Not verified',
      'regionVerifiedNow': '{region} is verified.',
      'regionLocating': 'Locating…',
      'regionRange': 'How far',
      'range.0': 'My area only',
      'range.1': 'Nearby',
      'range.2': 'A bit farther',
      'range.3': 'Far',
      'locationDenied': 'Location permission is off. Allow location access in Settings.',
      'locationDisabled': 'Location services are off. Turn them on and try again.',
      'locationFailed': 'Could not get your location. Please try again.',
      'offerTitle': 'Price offer',
      'offerMake': 'Make an offer',
      'offerAmount': 'Your offer (KRW)',
      'offerPrice': 'Asking {price}',
      'offerSend': 'Offer',
      'offerAccept': 'Accept',
      'offerDecline': 'Decline',
      'offerWithdraw': 'Withdraw offer',
      'offerReserve': 'Mark as reserved',
      'offerBelowPrice': 'Offer less than the asking price.',
      'offerStatus.PENDING': 'Waiting for the seller',
      'offerStatus.ACCEPTED': 'Accepted',
      'offerStatus.DECLINED': 'Declined',
      'offerStatus.WITHDRAWN': 'Withdrawn',
      'chatBlocked': 'You cannot chat with a blocked user. Earlier messages stay readable.',
      'chatClosed': 'This user deleted their account. You can no longer send messages.',
      'block': 'Block',
      'blockUser': 'Block {name}',
      'blockConfirm': "Block {name}? You won't see each other's listings and comments, and can't chat.",
      'blockDone': 'You blocked {name}.',
      'unblock': 'Unblock',
      'unblockDone': 'You unblocked {name}.',
      'blocksTitle': 'Blocked users',
      'blocksEmpty': 'You have not blocked anyone.',
      'report': 'Report',
      'reportReason': 'Reason',
      'reportReason.PROHIBITED_ITEM': 'Prohibited item',
      'reportReason.FRAUD': 'Looks like fraud',
      'reportReason.ABUSE': 'Abusive language',
      'reportReason.SPAM': 'Spam or advertising',
      'reportReason.OTHER': 'Other',
      'reportText': 'Details (optional)',
      'reportTextRequired': 'Details (required)',
      'reportSubmit': 'Send report',
      'reportSent': 'Report received. We will tell you the outcome in your notifications.',
      'reportTarget.LISTING': 'Listing',
      'reportTarget.USER': 'User',
      'reportTarget.COMMENT': 'Comment',
      'reportTarget.MESSAGE': 'Chat message',
      'reviewsTitle': 'Reviews received',
      'reviewsCount': 'Reviews received {n}',
      'reviewsEmpty': 'No reviews yet.',
      'moreReviews': 'More reviews',
      'sellerCounts': '{onSale} on sale · {sold} sold',
      'mannerChips': 'Manner compliments',
      'reviewRole.BUYER': 'Buyer',
      'reviewRole.SELLER': 'Seller',
      'reviewRating.GREAT': 'Great',
      'reviewRating.GOOD': 'Good',
      'reviewRating.BAD': 'Not good',
      'reviewChip.KIND': 'Kind',
      'reviewChip.ON_TIME': 'On time',
      'reviewChip.FAST_REPLY': 'Replies fast',
      'reviewChip.GOOD_CONDITION': 'Item as described',
      'reviewChip.FAIR_PRICE': 'Fair price',
      'reviewChip.LATE': 'Was late',
      'reviewChip.SLOW_REPLY': 'Replies slowly',
      'reviewChip.RUDE': 'Unfriendly',
      'reviewChip.NOT_AS_DESCRIBED': 'Item not as described',
      'reviewChip.NO_SHOW': "Didn't show up",
      'deleteAccountTypeLabel': 'Type "탈퇴" to confirm',
      'deleteAccountWord': '탈퇴',
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
