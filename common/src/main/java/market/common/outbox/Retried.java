package market.common.outbox;

/** What {@link Outbox#retry} did with a failed row. */
public enum Retried {
    /** Due again after the backoff. */
    LATER,
    /** Its attempts ran out: a dead letter now. */
    GIVEN_UP,
    /** Nothing: the claim that failed no longer holds the row (see {@link Outbox}). */
    STALE
}
