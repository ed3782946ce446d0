package market.notify.push;

/** FCM's answer for one token of a multicast or topic-management call. */
public record TokenResult(String token, Outcome outcome, String error) {

    public enum Outcome {
        SENT,
        /** FCM was unavailable or over quota for this token: try again later. */
        RETRY,
        /** FCM says the token is dead (UNREGISTERED, invalid, other sender): forget it. */
        INVALID_TOKEN,
        /** FCM refused the message itself: retrying will not help. */
        REJECTED
    }
}
