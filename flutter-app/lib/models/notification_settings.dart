/// `GET/PUT /api/me/notification-settings`. Marketing (광고성 정보) is off until the user consents;
/// night-time ads (21:00–08:00 KST) need a second, separate consent.
class NotificationSettings {
  const NotificationSettings({
    required this.chat,
    required this.activity,
    required this.keywords,
    required this.marketing,
    required this.marketingNight,
    required this.version,
  });

  final bool chat;
  final bool activity;
  final bool keywords;
  final bool marketing;
  final bool marketingNight;

  /// Optimistic-concurrency version; sent back on PUT so a stale edit gets 409.
  final int version;

  NotificationSettings copyWith({
    bool? chat,
    bool? activity,
    bool? keywords,
    bool? marketing,
    bool? marketingNight,
  }) {
    final nextMarketing = marketing ?? this.marketing;
    return NotificationSettings(
      chat: chat ?? this.chat,
      activity: activity ?? this.activity,
      keywords: keywords ?? this.keywords,
      marketing: nextMarketing,
      // Night consent means nothing without marketing consent; withdrawing one withdraws both.
      marketingNight: nextMarketing && (marketingNight ?? this.marketingNight),
      version: version,
    );
  }

  Map<String, dynamic> toJson() {
    return <String, dynamic>{
      'chat': chat,
      'activity': activity,
      'keywords': keywords,
      'marketing': marketing,
      'marketingNight': marketingNight,
      'version': version,
    };
  }

  factory NotificationSettings.fromJson(Map<String, dynamic> json) {
    return NotificationSettings(
      chat: json['chat'] as bool,
      activity: json['activity'] as bool,
      keywords: json['keywords'] as bool,
      marketing: json['marketing'] as bool,
      marketingNight: json['marketingNight'] as bool,
      version: json['version'] as int,
    );
  }
}
