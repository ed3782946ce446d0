package market.chat;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Plays "the other chat replica" on the real Redis: publishes envelopes as another instance would, and
 * listens to what this instance publishes for the others.
 */
final class RedisProbe implements AutoCloseable {

    static final String CHANNEL = "chat:events";

    private final RedisConnection connection;
    private final LinkedBlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();

    private RedisProbe(RedisConnection connection) {
        this.connection = connection;
    }

    static RedisProbe listen(Redis redis) {
        RedisConnection c = redis.connect().await().atMost(Duration.ofSeconds(5));
        RedisProbe probe = new RedisProbe(c);
        c.handler(push -> {
            if (push.size() >= 3 && "message".equals(push.get(0).toString())) {
                probe.received.add(new JsonObject(push.get(2).toString()));
            }
        });
        c.send(Request.cmd(Command.SUBSCRIBE).arg(CHANNEL)).await().atMost(Duration.ofSeconds(5));
        return probe;
    }

    /** Publishes a frame the way replica "replica-b" would, addressed to these users. */
    static void publishFromOtherReplica(Redis redis, List<String> to, JsonObject frame) {
        JsonObject envelope =
                new JsonObject().put("origin", "replica-b").put("to", to).put("frame", frame.encode());
        redis.send(Request.cmd(Command.PUBLISH).arg(CHANNEL).arg(envelope.encode()))
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
