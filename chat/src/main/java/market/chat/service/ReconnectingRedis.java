package market.chat.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One dedicated Redis connection kept open: made at start, and while it is down (Redis restarting, the
 * connection broken) made again every second. It counts as up once {@code prepare} has succeeded on it (for
 * a subscription: the SUBSCRIBE answered). Used for the fan-out subscription and for the pipelined command
 * link, which both have to notice a lost connection and come back by themselves.
 */
final class ReconnectingRedis {

    private static final Logger LOG = Logger.getLogger(ReconnectingRedis.class);
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(5);

    private final Redis redis;
    private final Vertx vertx;
    private final String purpose;
    private final Function<RedisConnection, Uni<?>> prepare;
    private final Runnable onUp;
    private final Consumer<String> onLost;

    private volatile RedisConnection current;
    private volatile boolean connecting;
    private volatile boolean stopped;
    private long timerId = -1;

    /**
     * @param purpose what the connection is for (logs)
     * @param prepare run on every new connection before it counts as up
     * @param onUp    after a connection is up
     * @param onLost  after the connection that was up is lost, with the reason
     */
    ReconnectingRedis(
            Redis redis,
            Vertx vertx,
            String purpose,
            Function<RedisConnection, Uni<?>> prepare,
            Runnable onUp,
            Consumer<String> onLost) {
        this.redis = redis;
        this.vertx = vertx;
        this.purpose = purpose;
        this.prepare = prepare;
        this.onUp = onUp;
        this.onLost = onLost;
    }

    /** Connects, then checks every second: reconnects while down, runs {@code whileUp} while up. */
    void start(Runnable whileUp) {
        connect();
        timerId = vertx.setPeriodic(1000, id -> {
            if (current != null) {
                whileUp.run();
            } else if (!connecting && !stopped) {
                connect();
            }
        });
    }

    void stop() {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        RedisConnection c = current;
        current = null;
        if (c != null) {
            c.closeAndForget();
        }
    }

    /** Drops the current connection (it is made again within a second), e.g. when it stopped answering. */
    void reset() {
        RedisConnection c = current;
        if (c != null) {
            lost(c, "reset");
        }
    }

    /** The connection while it is up, else null. */
    RedisConnection current() {
        return current;
    }

    private void connect() {
        connecting = true;
        redis.connect()
                .subscribe()
                .with(
                        conn -> {
                            conn.exceptionHandler(failure -> lost(conn, failure.getMessage()));
                            conn.endHandler(() -> lost(conn, "connection closed"));
                            prepare.apply(conn)
                                    .ifNoItem()
                                    .after(SETUP_TIMEOUT)
                                    .fail()
                                    .subscribe()
                                    .with(
                                            ok -> {
                                                connecting = false;
                                                if (stopped) {
                                                    conn.closeAndForget();
                                                    return;
                                                }
                                                current = conn;
                                                onUp.run();
                                            },
                                            failure -> {
                                                connecting = false;
                                                LOG.debugf("Redis %s not ready: %s", purpose, failure.getMessage());
                                                conn.closeAndForget();
                                            });
                        },
                        failure -> {
                            connecting = false;
                            LOG.debugf("Redis %s not established: %s", purpose, failure.getMessage());
                        });
    }

    private void lost(RedisConnection conn, String why) {
        if (current == conn) {
            current = null;
            onLost.accept(why);
        }
        conn.closeAndForget();
    }
}
