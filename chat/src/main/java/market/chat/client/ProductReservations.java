package market.chat.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import market.common.api.ApiException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Reserves a listing (예약중) for a room's buyer when the seller accepts an offer with {@code reserve}. On the
 * request path: the seller waits for the answer, and nothing changes in chat unless product said yes. product's
 * route is idempotent, so a retry after a lost answer is safe.
 */
@ApplicationScoped
public class ProductReservations {

    private final ProductInternalApi api;

    public ProductReservations(@RestClient ProductInternalApi api) {
        this.api = api;
    }

    @Timeout(3000)
    @Retry(maxRetries = 1, delay = 100, jitter = 50, abortOn = ApiException.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000, skipOn = ApiException.class)
    @Fallback(fallbackMethod = "unavailable", skipOn = ApiException.class)
    public void reserve(long productId, long roomId, String buyerId) {
        try {
            api.reserve(productId, new ProductInternalApi.Reservation(roomId, buyerId));
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404 || status == 409 || status == 422) {
                throw ApiException.conflict("The listing can no longer be reserved for this buyer (sold, reserved"
                        + " for someone else or deleted); the offer is unchanged");
            }
            throw e;
        }
    }

    void unavailable(long productId, long roomId, String buyerId) {
        throw ApiException.unavailable("The product service is not answering; the offer is unchanged, try again", 5);
    }
}
