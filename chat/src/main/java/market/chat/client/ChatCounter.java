package market.chat.client;

import jakarta.enterprise.context.ApplicationScoped;
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
 * Tells product that a room was opened so the listing's chatCount grows. Off the request path and
 * idempotent per room on product's side, so retries are safe; with product down the room still opens.
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
    @Fallback(fallbackMethod = "notCounted")
    public CompletionStage<Void> roomOpened(long productId, long roomId) {
        api.chatOpened(productId, roomId);
        return CompletableFuture.completedFuture(null);
    }

    CompletionStage<Void> notCounted(long productId, long roomId) {
        LOG.warnf("Room %d on product %d not yet counted in chatCount: product unavailable", roomId, productId);
        return CompletableFuture.completedFuture(null);
    }
}
