package market.notify.domain;

public enum NoticeType {
    /** Service announcement: every device (topic `notices`) and every known user's inbox. */
    NOTICE,
    /** Advertising: only users with marketing consent (topic `ads`), with the night-time rule. */
    AD
}
