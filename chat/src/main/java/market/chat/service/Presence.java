package market.chat.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import market.chat.config.ChatConfig;
import org.jboss.logging.Logger;

/**
 * Who has a connection open on which replica: a sorted set per user in Redis whose members are replica ids
 * scored by expiry, refreshed by a heartbeat, so a crashed replica's users fall out by themselves. It decides
 * whether a recipient gets a push and which replicas a frame is published to ({@link Fanout}). Without Redis only
 * this replica's connections count, which errs towards sending a push.
 */
@ApplicationScoped
public class Presence {

    private static final Logger LOG = Logger.getLogger(Presence.class);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofMillis(1000);

    private final RedisLink redis;
    private final Vertx vertx;
    private final LocalConnections local;
    private final Duration ttl;
    /** This replica's id: its member in the users' presence sets and the name of its fan-out channel. */
    private final String instanceId = UUID.randomUUID().toString();

    private long timerId = -1;

    public Presence(RedisLink redis, Vertx vertx, LocalConnections local, ChatConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.local = local;
        this.ttl = config.presenceTtl();
    }

    public String instanceId() {
        return instanceId;
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
        announce(userId)
                .subscribe()
                .with(ok -> {}, failure -> LOG.debugf("Presence update skipped (Redis: %s)", failure.getMessage()));
    }

    /**
     * Writes the presence of every user connected here again, completing once Redis has answered for all of them
     * (or failed): after Redis lost its data (a restart), before this replica's connections are told to resync —
     * until then no replica would publish their frames here.
     */
    public Uni<Void> announceAll() {
        List<Uni<Void>> writes = local.users().stream()
                .map(user -> announce(user).onFailure().recoverWithNull())
                .toList();
        return writes.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(writes).andCollectFailures().replaceWithVoid();
    }

    private Uni<Void> announce(String userId) {
        long expiry = System.currentTimeMillis() + ttl.toMillis();
        Uni<Response> add = redis.send(
                Request.cmd(Command.ZADD).arg(key(userId)).arg(expiry).arg(instanceId), LOOKUP_TIMEOUT);
        Uni<Response> expire =
                redis.send(Request.cmd(Command.PEXPIRE).arg(key(userId)).arg(ttl.toMillis()), LOOKUP_TIMEOUT);
        return Uni.join().all(add, expire).andFailFast().replaceWithVoid();
    }

    public void offline(String userId) {
        redis.send(Request.cmd(Command.ZREM).arg(key(userId)).arg(instanceId), LOOKUP_TIMEOUT)
                .subscribe()
                .with(
                        ok -> {
                            // a connection opened meanwhile (its ZADD may have gone out first, on another connection
                            // while the link reconnected): present again, or no replica would publish its frames here
                            if (local.isConnected(userId)) {
                                online(userId);
                            }
                        },
                        failure -> LOG.debugf("Presence update skipped (Redis: %s)", failure.getMessage()));
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

    /** The Redis key of a user's presence set (members: replica ids, scores: expiry in epoch ms). */
    static String key(String userId) {
        return "chat:presence:" + userId;
    }
}
