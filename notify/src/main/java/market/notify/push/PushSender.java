package market.notify.push;

import java.util.List;

/** The FCM operations notify needs. Implementations block; {@link FcmGateway} adds fault tolerance. */
public interface PushSender extends AutoCloseable {

    /** Sends one message to every device subscribed to the topic. */
    void sendToTopic(String topic, PushMessage message);

    /** Sends one message to each token (at most 500); one result per token, in order. */
    List<TokenResult> sendToTokens(List<String> tokens, PushMessage message);

    List<TokenResult> subscribe(String topic, List<String> tokens);

    List<TokenResult> unsubscribe(String topic, List<String> tokens);

    @Override
    default void close() {}
}
