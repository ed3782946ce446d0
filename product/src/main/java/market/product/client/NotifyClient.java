package market.product.client;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Calls notify with a timeout, a short retry and a circuit breaker. There is no fallback on purpose: a
 * failure must reach the outbox relay, which keeps the event and tries again later.
 */
@ApplicationScoped
public class NotifyClient {

    private final NotifyApi api;

    public NotifyClient(@RestClient NotifyApi api) {
        this.api = api;
    }

    @Timeout(3000)
    @Retry(maxRetries = 1, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000)
    public void send(NotifyEvent event) {
        api.send(event);
    }
}
