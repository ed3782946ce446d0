package market.product.client;

/**
 * A peer (notify, Keycloak's admin API) refused a call for good: the request itself is wrong, so sending it again
 * cannot succeed. Neither retried nor counted against the peer's circuit breaker; the outbox relay sets the row
 * aside as a dead letter.
 */
public class DeliveryRefused extends RuntimeException {

    private final int status;

    public DeliveryRefused(String peer, int status, String detail) {
        super(peer + " refused the call with " + status + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.status = status;
    }

    public int status() {
        return status;
    }
}
