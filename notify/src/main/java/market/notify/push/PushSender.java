package market.notify.push;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The FCM operations notify needs. Implementations block; {@link FcmGateway} adds fault tolerance. */
public interface PushSender extends AutoCloseable {

    /** FCM accepts at most 500 messages per multicast or sendEach call. */
    int BATCH_LIMIT = 500;

    /** One message for one device. */
    record Addressed(String token, PushMessage message) {}

    /** Sends one message to every device subscribed to the topic. */
    void sendToTopic(String topic, PushMessage message);

    /** Sends one message to each token (at most 500); one result per token, in order. */
    List<TokenResult> sendToTokens(List<String> tokens, PushMessage message);

    /**
     * Sends each message to its device (at most {@link #BATCH_LIMIT}) without blocking the caller; one result
     * per message, in order. The stage fails (with a transient {@link PushException}) only when the call as a
     * whole failed.
     */
    default CompletionStage<List<TokenResult>> sendEach(List<Addressed> messages) {
        try {
            List<TokenResult> results = new ArrayList<>(messages.size());
            for (Addressed a : messages) {
                results.addAll(sendToTokens(List.of(a.token()), a.message()));
            }
            return CompletableFuture.completedFuture(results);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    List<TokenResult> subscribe(String topic, List<String> tokens);

    List<TokenResult> unsubscribe(String topic, List<String> tokens);

    @Override
    default void close() {}
}
