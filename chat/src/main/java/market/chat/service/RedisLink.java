package market.chat.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * One long-lived, pipelined Redis connection for the per-message commands (PUBLISH, presence): every message
 * costs a publish and a presence lookup, and borrowing a pooled connection for each one queued them behind
 * the pool (bench/chat.sh with 1,000 users: "Connection pool reached max wait queue size"). Commands go out
 * without waiting for earlier replies, in order. While the link is down (Redis restarting) commands use the
 * client's pool, and the link is re-established every second.
 */
@ApplicationScoped
public class RedisLink {

    private static final Logger LOG = Logger.getLogger(RedisLink.class);

    private final Redis redis;
    private final ReconnectingRedis link;

    public RedisLink(Redis redis, Vertx vertx) {
        this.redis = redis;
        this.link = new ReconnectingRedis(redis, vertx, "command link", c -> Uni.createFrom().voidItem(), () -> { },
                why -> LOG.debugf("Redis link lost (%s); reconnecting", why));
    }

    void start(@Observes StartupEvent event) {
        link.start(() -> { });
    }

    void stop(@Observes ShutdownEvent event) {
        link.stop();
    }

    /** Sends a command on the link (or the pool while it is down); fails after the timeout. */
    public Uni<Response> send(Request request, Duration timeout) {
        RedisConnection c = link.current();
        return (c != null ? c.send(request) : redis.send(request)).ifNoItem().after(timeout).fail();
    }
}
