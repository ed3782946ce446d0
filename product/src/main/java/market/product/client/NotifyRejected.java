package market.product.client;

/**
 * notify refused an event for good (400, 413, 415, 422: the event itself is wrong). Sending it again cannot
 * succeed, so it is neither retried nor counted against notify's circuit breaker.
 */
public class NotifyRejected extends DeliveryRefused {

    public NotifyRejected(int status, String detail) {
        super("notify", status, detail);
    }

    /** Statuses that say "this request is wrong", as opposed to "not now" (401/403/404/408/429 and 5xx are retried). */
    public static boolean isPermanent(int status) {
        return status == 400 || status == 413 || status == 415 || status == 422;
    }
}
