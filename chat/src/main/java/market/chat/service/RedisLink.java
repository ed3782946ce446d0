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
    private final Vertx vertx;
    private volatile RedisConnection link;
    private volatile boolean connecting;
    private volatile boolean stopped;
    private long timerId = -1;

    public RedisLink(Redis redis, Vertx vertx) {
        this.redis = redis;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        connect();
        timerId = vertx.setPeriodic(1000, id -> {
            if (link == null && !connecting && !stopped) {
                connect();
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        RedisConnection c = link;
        link = null;
        if (c != null) {
            c.closeAndForget();
        }
    }

    /** Sends a command on the link (or the pool while it is down); fails after the timeout. */
    public Uni<Response> send(Request request, Duration timeout) {
        RedisConnection c = link;
        return (c != null ? c.send(request) : redis.send(request)).ifNoItem().after(timeout).fail();
    }

    private void connect() {
        connecting = true;
        redis.connect().subscribe().with(c -> {
            c.exceptionHandler(failure -> lost(c, failure.getMessage()));
            c.endHandler(() -> lost(c, "connection closed"));
            link = c;
            connecting = false;
        }, failure -> {
            connecting = false;
            LOG.debugf("Redis link not established: %s", failure.getMessage());
        });
    }

    private void lost(RedisConnection c, String why) {
        if (link == c) {
            link = null;
            LOG.debugf("Redis link lost (%s); reconnecting", why);
        }
        c.closeAndForget();
    }
}
