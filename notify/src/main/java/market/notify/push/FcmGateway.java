package market.notify.push;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * FCM calls with a time limit, a few quick retries and a circuit breaker, so a slow or failing FCM neither
 * blocks the relay nor gets hammered. Longer outages are the relay's business: it reschedules with backoff.
 * Values can be tuned per method through MicroProfile Fault Tolerance config keys.
 */
@ApplicationScoped
public class FcmGateway {

    private final PushSender sender;

    public FcmGateway(PushSender sender) {
        this.sender = sender;
    }

    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = PushException.Permanent.class)
    @ExponentialBackoff
    @CircuitBreaker(
            requestVolumeThreshold = 10,
            failureRatio = 0.8,
            delay = 20,
            delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2,
            skipOn = PushException.Permanent.class)
    public void sendToTopic(String topic, PushMessage message) {
        sender.sendToTopic(topic, message);
    }

    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = PushException.Permanent.class)
    @ExponentialBackoff
    @CircuitBreaker(
            requestVolumeThreshold = 10,
            failureRatio = 0.8,
            delay = 20,
            delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2,
            skipOn = PushException.Permanent.class)
    public List<TokenResult> sendToTokens(List<String> tokens, PushMessage message) {
        List<TokenResult> results = sender.sendToTokens(tokens, message);
        if (!results.isEmpty() && results.stream().allMatch(r -> r.outcome() == TokenResult.Outcome.RETRY)) {
            // Nothing got through: to the retry and the breaker this is an outage, not a partial success.
            throw PushException.transientFailure(
                    "FCM accepted none of " + tokens.size() + " message(s): "
                            + results.get(0).error(),
                    null);
        }
        return results;
    }

    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = PushException.Permanent.class)
    @ExponentialBackoff
    @CircuitBreaker(
            requestVolumeThreshold = 10,
            failureRatio = 0.8,
            delay = 20,
            delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2,
            skipOn = PushException.Permanent.class)
    public List<TokenResult> manageTopic(boolean subscribe, String topic, List<String> tokens) {
        return subscribe ? sender.subscribe(topic, tokens) : sender.unsubscribe(topic, tokens);
    }
}
