package market.chat.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import market.common.events.InternalEvent;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Pushes for offline recipients. Runs off the sender's path: a slow or dead notify never delays or fails
 * a chat message; the idempotency key makes retries safe. At most 4 pushes are in flight (1,000 more wait),
 * so a slow notify cannot take the worker threads that chat's own requests and frames need
 * (bench/chat.sh: without the bulkhead, 106 of 200 workers sat in calls to an overloaded notify); beyond
 * that a push is dropped with a warning, the message itself being stored and delivered.
 */
@ApplicationScoped
public class NotifyClient {

    private static final Logger LOG = Logger.getLogger(NotifyClient.class);

    private final NotifyApi api;

    public NotifyClient(@RestClient NotifyApi api) {
        this.api = api;
    }

    @Asynchronous
    @Bulkhead(value = 4, waitingTaskQueue = 1000)
    @Timeout(3000)
    @Retry(maxRetries = 3, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10000)
    @Fallback(fallbackMethod = "notDelivered")
    public CompletionStage<Void> publish(InternalEvent event) {
        api.publish(event);
        return CompletableFuture.completedFuture(null);
    }

    CompletionStage<Void> notDelivered(InternalEvent event) {
        LOG.warnf(
                "Push %s for %s not handed to notify (notify unavailable); the message itself is stored",
                event.idempotencyKey(), event.recipientId());
        return CompletableFuture.completedFuture(null);
    }
}
