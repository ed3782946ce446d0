package market.common.limits;

import java.time.Duration;

/**
 * What a user may do only so often, with its default limit: {@code limit} per {@code period} on average,
 * at most {@code burst} at once. One list for the whole marketplace, so the limits are read in one place;
 * each can be overridden with {@code market.rate-limit.actions.<name>.limit|period|burst}.
 */
public enum Action {
    /** A chat message (REST or WebSocket): a fast typist, not a script. */
    CHAT_SEND("chat-send", "chat messages", 10, Duration.ofSeconds(1), 20),
    /** A comment on a listing. */
    COMMENT("comment", "comments", 30, Duration.ofMinutes(1), 30),
    /** A new listing. */
    LISTING("listing", "new listings", 20, Duration.ofHours(1), 20),
    /** A photo upload request (1..10 photos). */
    UPLOAD("upload", "photo uploads", 60, Duration.ofHours(1), 60),
    /** A chat message with photos (1..10): each is decoded and re-encoded, far dearer than a text message. */
    CHAT_PHOTO("chat-photo", "photo messages", 60, Duration.ofHours(1), 20),
    /** A 거래후기. */
    REVIEW("review", "reviews", 20, Duration.ofHours(1), 20),
    /** A new keyword alert (a user holds at most 30 anyway; this stops add/delete churn). */
    KEYWORD("keyword", "new keyword alerts", 30, Duration.ofHours(1), 30),
    /** A report of a listing, user, comment or chat message to the moderators. */
    REPORT("report", "reports", 20, Duration.ofHours(1), 20);

    private final String key;
    private final String what;
    private final Limit defaults;

    Action(String key, String what, int limit, Duration period, int burst) {
        this.key = key;
        this.what = what;
        this.defaults = new Limit(limit, period, burst);
    }

    /** The name in configuration keys, Redis keys and logs. */
    public String key() {
        return key;
    }

    /** What is limited, for a problem's detail ("Too many comments"). */
    public String what() {
        return what;
    }

    public Limit defaults() {
        return defaults;
    }

    public static Action of(String key) {
        for (Action a : values()) {
            if (a.key.equals(key)) {
                return a;
            }
        }
        return null;
    }
}
