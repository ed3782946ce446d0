package market.notify.push;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/** The local default without FCM credentials: says what would have been sent, and succeeds. */
public class LoggingPushSender implements PushSender {

    private static final Logger LOG = Logger.getLogger(LoggingPushSender.class);

    @Override
    public void sendToTopic(String topic, PushMessage message) {
        LOG.infof("push (not sent, no FCM credentials) to topic %s: %s", topic, message);
    }

    @Override
    public List<TokenResult> sendToTokens(List<String> tokens, PushMessage message) {
        LOG.infof("push (not sent, no FCM credentials) to %d device(s): %s", tokens.size(), message);
        return ok(tokens);
    }

    @Override
    public CompletionStage<List<TokenResult>> sendEach(List<Addressed> messages) {
        LOG.infof("push (not sent, no FCM credentials) of %d message(s)", messages.size());
        return CompletableFuture.completedFuture(
                ok(messages.stream().map(Addressed::token).toList()));
    }

    @Override
    public List<TokenResult> subscribe(String topic, List<String> tokens) {
        LOG.debugf("subscribe (not sent) %d device(s) to %s", tokens.size(), topic);
        return ok(tokens);
    }

    @Override
    public List<TokenResult> unsubscribe(String topic, List<String> tokens) {
        LOG.debugf("unsubscribe (not sent) %d device(s) from %s", tokens.size(), topic);
        return ok(tokens);
    }

    private static List<TokenResult> ok(List<String> tokens) {
        return tokens.stream()
                .map(t -> new TokenResult(t, TokenResult.Outcome.SENT, null))
                .toList();
    }
}
