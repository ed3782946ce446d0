package market.product.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.Optional;
import market.common.api.ApiException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Reads a chat message for a report, with a timeout, a short retry and a circuit breaker. No such message is
 * empty; chat failing or out of reach is a 503 with Retry-After (the report can be sent again), never a 500.
 */
@ApplicationScoped
public class ChatClient {

    private final ChatApi api;

    public ChatClient(@RestClient ChatApi api) {
        this.api = api;
    }

    @Timeout(3000)
    @Retry(maxRetries = 1, delay = 200, jitter = 100, abortOn = ApiException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000, skipOn = ApiException.class)
    @Fallback(fallbackMethod = "chatDown", skipOn = ApiException.class)
    public Optional<ChatMessage> message(long id) {
        try {
            return Optional.of(api.message(id));
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            if (status == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** chat could not answer (after the retry, or with the circuit open): the caller may try again. */
    Optional<ChatMessage> chatDown(long id) {
        throw ApiException.unavailable("chat is not answering; try again shortly", 5);
    }
}
