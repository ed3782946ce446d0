package market.chat.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Tells product that a buyer opened a room, so the listing's chatCount grows and the buyer may be named in a
 * trade. Off the request path and idempotent per room on product's side, so retries are safe; with product down
 * the room still opens and the answer is false: the room stays unreported and is sent again later.
 */
@ApplicationScoped
public class ChatCounter {

    private static final Logger LOG = Logger.getLogger(ChatCounter.class);

    private final ProductInternalApi api;

    public ChatCounter(@RestClient ProductInternalApi api) {
        this.api = api;
    }

    @Asynchronous
    @Timeout(3000)
    @Retry(maxRetries = 5, delay = 500, jitter = 200)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10000)
    @Fallback(fallbackMethod = "notReported")
    public CompletionStage<Boolean> roomOpened(long productId, long roomId, String buyerId) {
        try {
            api.chatOpened(productId, roomId, new ProductInternalApi.RoomOpened(buyerId));
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                // product refuses this report for good (a listing that never existed): done, never retried
                LOG.warnf(
                        "product refused the report of room %d on product %d (%d); not sent again",
                        roomId, productId, status);
                return CompletableFuture.completedFuture(true);
            }
            throw e;
        }
        return CompletableFuture.completedFuture(true);
    }

    CompletionStage<Boolean> notReported(long productId, long roomId, String buyerId) {
        LOG.warnf(
                "Room %d on product %d not yet reported to product (unavailable); it is sent again later",
                roomId, productId);
        return CompletableFuture.completedFuture(false);
    }
}
