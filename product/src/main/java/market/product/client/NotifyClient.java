package market.product.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import market.common.events.InternalEvent;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Calls notify with a timeout, a short retry and a circuit breaker. There is no fallback on purpose: a
 * failure must reach the outbox relay, which keeps the event and tries again later, unless notify refused
 * the event itself ({@link NotifyRejected}), which the relay sets aside instead.
 */
@ApplicationScoped
public class NotifyClient {

    private final NotifyApi api;

    public NotifyClient(@RestClient NotifyApi api) {
        this.api = api;
    }

    @Timeout(3000)
    @Retry(maxRetries = 1, delay = 200, jitter = 100, abortOn = NotifyRejected.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000, skipOn = NotifyRejected.class)
    public void send(InternalEvent event) {
        call(() -> api.send(event));
    }

    /** 탈퇴: notify forgets the account; a repeat is harmless. */
    @Timeout(3000)
    @Retry(maxRetries = 1, delay = 200, jitter = 100, abortOn = NotifyRejected.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000, skipOn = NotifyRejected.class)
    public void accountDeleted(String userId) {
        call(() -> api.accountDeleted(userId));
    }

    private static void call(Runnable call) {
        try {
            call.run();
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            if (NotifyRejected.isPermanent(status)) {
                String detail = null;
                try {
                    detail = e.getResponse().readEntity(String.class);
                } catch (RuntimeException unreadable) {
                    // the status says enough
                }
                throw new NotifyRejected(
                        status, detail == null ? null : detail.substring(0, Math.min(detail.length(), 300)));
            }
            throw e;
        }
    }
}
