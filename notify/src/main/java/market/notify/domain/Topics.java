package market.notify.domain;

/** The FCM topics: every device is in {@code notices}; devices of users with marketing consent also in {@code ads}. */
public final class Topics {

    public static final String NOTICES = "notices";
    public static final String ADS = "ads";

    private Topics() {}
}
