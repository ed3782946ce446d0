package market.chat;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Plays "another chat replica" on the real Redis: publishes envelopes as another instance would, and listens on
 * its own channel to what this instance publishes for it (only for users whose presence names it).
 */
final class RedisProbe implements AutoCloseable {

    static final String CHANNEL = "chat:events";

    private final RedisConnection connection;
    private final LinkedBlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();

    private RedisProbe(RedisConnection connection) {
        this.connection = connection;
    }

    /** Listens as replica {@code replicaId}: on its own channel, {@code chat:events:<replicaId>}. */
    static RedisProbe listen(Redis redis, String replicaId) {
        return subscribe(redis, CHANNEL + ":" + replicaId);
    }

    /** Plays a replica that holds a connection of {@code userId} (its presence entry names it) and listens. */
    static RedisProbe replicaHolding(Redis redis, String userId) {
        String replicaId = "replica-" + java.util.UUID.randomUUID();
        present(redis, userId, replicaId);
        return listen(redis, replicaId);
    }

    /** Listens on the shared channel (what every replica receives). */
    static RedisProbe listenShared(Redis redis) {
        return subscribe(redis, CHANNEL);
    }

    /** Makes {@code userId} count as connected to replica {@code replicaId} (its presence entry, 30 s). */
    static void present(Redis redis, String userId, String replicaId) {
        String key = "chat:presence:" + userId;
        redis.send(Request.cmd(Command.ZADD)
                        .arg(key)
                        .arg(System.currentTimeMillis() + 30_000)
                        .arg(replicaId))
                .await()
                .atMost(Duration.ofSeconds(5));
        redis.send(Request.cmd(Command.PEXPIRE).arg(key).arg(30_000)).await().atMost(Duration.ofSeconds(5));
    }

    /** The expiry (epoch ms) of {@code replicaId}'s presence entry for {@code userId}, or null. */
    static Long presence(Redis redis, String userId, String replicaId) {
        Request zscore =
                Request.cmd(Command.ZSCORE).arg("chat:presence:" + userId).arg(replicaId);
        Response score;
        try {
            score = redis.send(zscore).await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            // right after a Redis restart the test's pooled connection may be a closed one: once more, on a new one
            score = redis.send(zscore).await().atMost(Duration.ofSeconds(5));
        }
        return score == null ? null : (long) Double.parseDouble(score.toString());
    }

    private static RedisProbe subscribe(Redis redis, String channel) {
        RedisConnection c = redis.connect().await().atMost(Duration.ofSeconds(5));
        RedisProbe probe = new RedisProbe(c);
        c.handler(push -> {
            if (push.size() >= 3 && "message".equals(push.get(0).toString())) {
                probe.received.add(new JsonObject(push.get(2).toString()));
            }
        });
        c.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).await().atMost(Duration.ofSeconds(5));
        return probe;
    }

    /**
     * Publishes a frame the way replica "replica-b" would, addressed to these users, on the channel of replica
     * {@code replicaId} (where replica-b's script publishes when presence puts a recipient there).
     */
    static void publishFromOtherReplica(Redis redis, String replicaId, List<String> to, JsonObject frame) {
        publish(redis, CHANNEL + ":" + replicaId, to, frame);
    }

    /** Publishes as replica "replica-b" on the shared channel (as a resync for every replica goes). */
    static void publishShared(Redis redis, List<String> to, JsonObject frame) {
        publish(redis, CHANNEL, to, frame, false);
    }

    /** The shared copy of an envelope routed to replicas directly (for replicas that listen only there). */
    static void publishSharedCopyOfRouted(Redis redis, List<String> to, JsonObject frame) {
        publish(redis, CHANNEL, to, frame, true);
    }

    private static void publish(Redis redis, String channel, List<String> to, JsonObject frame) {
        publish(redis, channel, to, frame, false);
    }

    private static void publish(Redis redis, String channel, List<String> to, JsonObject frame, boolean routed) {
        JsonObject envelope =
                new JsonObject().put("origin", "replica-b").put("to", to).put("frame", frame.encode());
        if (routed) {
            envelope.put("routed", true);
        }
        redis.send(Request.cmd(Command.PUBLISH).arg(channel).arg(envelope.encode()))
                .await()
                .atMost(Duration.ofSeconds(5));
    }

    JsonObject next(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        connection.closeAndForget();
    }
}
