package market.product.service;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Tells chat that two users' blocks changed, once the change is committed: a Redis PUBLISH on {@value #CHANNEL} of
 * {@code "<userId> <otherId>"}. Every chat replica drops both users' cached blocks on it and asks product again
 * at their next send, so a block takes effect in chat at once instead of at the end of its cache's life. Published
 * after the commit (never before: a replica asking at once must see the change). Without Redis the change is not
 * announced (a warning): chat then sees it when its cached answer expires ({@code market.chat.block-cache-ttl}).
 */
@ApplicationScoped
public class BlockEvents {

    public static final String CHANNEL = "market:blocks";

    private static final Logger LOG = Logger.getLogger(BlockEvents.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Redis redis;

    public BlockEvents(Redis redis) {
        this.redis = redis;
    }

    void announce(@Observes(during = TransactionPhase.AFTER_SUCCESS) BlockService.BlockChanged change) {
        redis.send(Request.cmd(Command.PUBLISH).arg(CHANNEL).arg(change.userId() + " " + change.otherId()))
                .ifNoItem()
                .after(TIMEOUT)
                .fail()
                .subscribe()
                .with(
                        ok -> {},
                        failure -> LOG.warnf(
                                "The block change between %s and %s was not announced to chat (Redis: %s); chat sees it when"
                                        + " its cached blocks expire",
                                change.userId(), change.otherId(), failure.getMessage()));
    }
}
