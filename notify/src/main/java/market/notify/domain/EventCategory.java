package market.notify.domain;

import market.common.events.EventType;

/** Which of the recipient's settings can silence the push of a personal event (it still lands in the inbox). */
public enum EventCategory {
    CHAT,
    ACTIVITY,
    KEYWORDS;

    public static EventCategory of(EventType type) {
        return switch (type) {
            case CHAT_MESSAGE, PRICE_OFFER -> CHAT;
            case COMMENT, LIKE, PRICE_DROP, REVIEW, REVIEW_REQUEST, TRADE, REPORT_RESULT -> ACTIVITY;
            case KEYWORD_MATCH -> KEYWORDS;
        };
    }

    public boolean allowedBy(NotificationSettings s) {
        return switch (this) {
            case CHAT -> s.chat();
            case ACTIVITY -> s.activity();
            case KEYWORDS -> s.keywords();
        };
    }
}
