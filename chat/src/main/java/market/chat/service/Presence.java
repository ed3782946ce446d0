package market.chat.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import market.chat.config.ChatConfig;
import org.jboss.logging.Logger;

/**
 * Who has a connection open on any replica: a sorted set per user in Redis whose members are replica ids
 * scored by expiry, refreshed by a heartbeat, so a crashed replica's users fall out by themselves. Without
 * Redis only this replica's connections count, which errs towards sending a push.
 */
@ApplicationScoped
public class Presence {

    private static final Logger LOG = Logger.getLogger(Presence.class);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofMillis(1000);

    private final RedisLink redis;
    private final Vertx vertx;
    private final LocalConnections local;
    private final Fanout fanout;
    private final Duration ttl;
    private long timerId = -1;

    public Presence(RedisLink redis, Vertx vertx, LocalConnections local, Fanout fanout, ChatConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.local = local;
        this.fanout = fanout;
        this.ttl = config.presenceTtl();
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(
                Math.max(1000, ttl.toMillis() / 3), id -> local.users().forEach(this::online));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    public void online(String userId) {
        long expiry = System.currentTimeMillis() + ttl.toMillis();
        fireAndForget(Request.cmd(Command.ZADD).arg(key(userId)).arg(expiry).arg(fanout.instanceId()));
        fireAndForget(Request.cmd(Command.PEXPIRE).arg(key(userId)).arg(ttl.toMillis()));
    }

    public void offline(String userId) {
        fireAndForget(Request.cmd(Command.ZREM).arg(key(userId)).arg(fanout.instanceId()));
    }

    /**
     * Whether the user has a connection on any replica. Non-blocking. Without an answer from Redis, false
     * (a push rather than nothing: the other replicas' frames are not getting through either) — unless the
     * lookup only timed out while Redis keeps answering on the link (its PINGs): that is a replica or Redis
     * under overload, where the live frame is most likely on its way, and turning every slow lookup into a
     * push only adds load (a cold replica at 1,000 msg/s in bench/chat.sh kept notify busy with pushes for
     * connected users).
     */
    public Uni<Boolean> isOnline(String userId) {
        if (local.isConnected(userId)) {
            return Uni.createFrom().item(true);
        }
        return redis.send(
                        Request.cmd(Command.ZCOUNT)
                                .arg(key(userId))
                                .arg(System.currentTimeMillis())
                                .arg("+inf"),
                        LOOKUP_TIMEOUT)
                .map(count -> count != null && count.toLong() > 0)
                .onFailure(e -> e instanceof TimeoutException && redis.answering())
                .recoverWithItem(e -> {
                    LOG.debugf("Presence of %s not answered within %s (Redis busy); no push", userId, LOOKUP_TIMEOUT);
                    return true;
                })
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.debugf("Presence of %s unknown (Redis: %s); treating as offline", userId, e.getMessage());
                    return false;
                });
    }

    private void fireAndForget(Request request) {
        redis.send(request, LOOKUP_TIMEOUT)
                .subscribe()
                .with(ok -> {}, failure -> LOG.debugf("Presence update skipped (Redis: %s)", failure.getMessage()));
    }

    private static String key(String userId) {
        return "chat:presence:" + userId;
    }
}
