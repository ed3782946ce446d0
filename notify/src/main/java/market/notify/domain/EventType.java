package market.notify.domain;

/** Personal events other services send, and which setting lets the recipient silence them. */
public enum EventType {
    CHAT_MESSAGE(Category.CHAT),
    COMMENT(Category.ACTIVITY),
    LIKE(Category.ACTIVITY),
    PRICE_DROP(Category.ACTIVITY),
    REVIEW(Category.ACTIVITY),
    TRADE(Category.ACTIVITY),
    KEYWORD_MATCH(Category.KEYWORDS);

    public enum Category { CHAT, ACTIVITY, KEYWORDS }

    public final Category category;

    EventType(Category category) {
        this.category = category;
    }

    public boolean allowedBy(NotificationSettings s) {
        return switch (category) {
            case CHAT -> s.chat;
            case ACTIVITY -> s.activity;
            case KEYWORDS -> s.keywords;
        };
    }
}
