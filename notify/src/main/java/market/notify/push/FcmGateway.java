package market.notify.push;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
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

    /**
     * {@link PushSender#sendEach} with the same retries and breaker, without blocking: the stage completes when FCM
     * answered (or failed, after the retries). A call in which no message got through counts as a failure. No
     * time limit for the whole call: its messages wait for a connection behind other calls' (a limit would
     * abandon, and the retry repeat, messages already delivered); each request has its own connect and idle
     * timeouts ({@code market.notify.fcm.timeout}).
     */
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = PushException.Permanent.class)
    @ExponentialBackoff
    @CircuitBreaker(
            requestVolumeThreshold = 10,
            failureRatio = 0.8,
            delay = 20,
            delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2,
            skipOn = PushException.Permanent.class)
    public CompletionStage<List<TokenResult>> sendEach(List<PushSender.Addressed> messages) {
        CompletableFuture<List<TokenResult>> answer = new CompletableFuture<>();
        sender.sendEach(messages).whenComplete((results, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(
                        failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause()
                                : failure);
            } else if (!results.isEmpty() && results.stream().allMatch(r -> r.outcome() == TokenResult.Outcome.RETRY)) {
                answer.completeExceptionally(PushException.transientFailure(
                        "FCM accepted none of " + messages.size() + " message(s): "
                                + results.get(0).error(),
                        null));
            } else {
                answer.complete(results);
            }
        });
        return answer;
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
