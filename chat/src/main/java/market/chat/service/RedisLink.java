package market.chat.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
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
 *
 * <p>A PING every second tells a busy Redis from a gone one: {@link #answering()} is true while something
 * came back within the last {@value #ANSWERING_MS} ms, and a link that has heard nothing for
 * {@value #SILENT_MS} ms (a host that vanished without closing the connection) is dropped and made again.
 */
@ApplicationScoped
public class RedisLink {

    private static final Logger LOG = Logger.getLogger(RedisLink.class);
    public static final long ANSWERING_MS = 3_000;
    static final long SILENT_MS = 10_000;
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final Redis redis;
    private final ReconnectingRedis link;
    private volatile long lastAnswer = System.nanoTime();

    public RedisLink(Redis redis, Vertx vertx) {
        this.redis = redis;
        this.link = new ReconnectingRedis(
                redis,
                vertx,
                "command link",
                c -> Uni.createFrom().voidItem(),
                () -> lastAnswer = System.nanoTime(),
                why -> LOG.debugf("Redis link lost (%s); reconnecting", why));
    }

    void start(@Observes StartupEvent event) {
        link.start(this::ping);
    }

    void stop(@Observes ShutdownEvent event) {
        link.stop();
    }

    /** Sends a command on the link (or the pool while it is down); fails after the timeout. */
    public Uni<Response> send(Request request, Duration timeout) {
        RedisConnection c = link.current();
        return (c != null ? c.send(request) : redis.send(request))
                .ifNoItem()
                .after(timeout)
                .fail()
                .onItem()
                .invoke(answer -> lastAnswer = System.nanoTime());
    }

    /** The link is up and Redis answered on it lately: a slow reply means load, not an outage. */
    public boolean answering() {
        return link.current() != null && System.nanoTime() - lastAnswer < ANSWERING_MS * 1_000_000;
    }

    private void ping() {
        if (System.nanoTime() - lastAnswer > SILENT_MS * 1_000_000) {
            LOG.warnf("Redis has not answered for %d s; reconnecting", SILENT_MS / 1000);
            link.reset();
            return;
        }
        send(Request.cmd(Command.PING), PING_TIMEOUT)
                .subscribe()
                .with(ok -> {}, failure -> LOG.debugf("Redis PING not answered: %s", failure.getMessage()));
    }
}
