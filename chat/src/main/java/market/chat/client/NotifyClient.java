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
 * Pushes for offline recipients. Runs off the sender's path: a slow or dead notify never delays or fails
 * a chat message; the idempotency key makes retries safe.
 */
@ApplicationScoped
public class NotifyClient {

    private static final Logger LOG = Logger.getLogger(NotifyClient.class);

    private final NotifyApi api;

    public NotifyClient(@RestClient NotifyApi api) {
        this.api = api;
    }

    @Asynchronous
    @Timeout(3000)
    @Retry(maxRetries = 3, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10000)
    @Fallback(fallbackMethod = "notDelivered")
    public CompletionStage<Void> publish(NotifyApi.Event event) {
        api.publish(event);
        return CompletableFuture.completedFuture(null);
    }

    CompletionStage<Void> notDelivered(NotifyApi.Event event) {
        LOG.warnf("Push %s for %s not handed to notify (notify unavailable); the message itself is stored",
                event.idempotencyKey(), event.recipientId());
        return CompletableFuture.completedFuture(null);
    }
}
