package market.common.limits;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import market.common.redis.LuaScripts;
import org.jboss.logging.Logger;

/**
 * Per-user abuse limits that hold across replicas: one Redis key per (action, user) holding a GCRA
 * "theoretical arrival time", checked and moved by one Lua script on Redis's own clock, so replicas (and their
 * clocks) need not agree on anything. Nothing grows with the number of users: a key expires as soon as its
 * user is back to a full burst.
 *
 * <p>Fails open: when Redis does not answer within the timeout the action is allowed (and a warning logged at
 * most once per interval). A limit that is briefly not enforced costs less than refusing every user's writes
 * during a Redis outage.
 *
 * <p>Not a CDI bean, because the services that use it reach Redis differently (chat over its pipelined link);
 * each produces one with its own way of sending a command.
 */
public final class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    /** The outcome of one check; {@code retryAfterSeconds} is 0 when allowed. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
        static final Decision ALLOW = new Decision(true, 0);
    }

    // GCRA: the key holds the time (ms) at which the user's bucket is full again. A request is refused while
    // that lies more than (burst - 1) intervals ahead; the wait is how far beyond. TIME is Redis's clock.
    static final String SCRIPT = """
            if redis.replicate_commands then redis.replicate_commands() end
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local interval = tonumber(ARGV[1])
            local tolerance = interval * (tonumber(ARGV[2]) - 1)
            local tat = tonumber(redis.call('GET', KEYS[1])) or now
            if tat < now then tat = now end
            if tat - tolerance > now then
              return {0, tat - tolerance - now}
            end
            local nxt = tat + interval
            redis.call('SET', KEYS[1], string.format('%d', nxt), 'PX', nxt - now)
            return {1, 0}
            """;
    static final String SHA = LuaScripts.sha1(SCRIPT);

    private final Function<Request, Uni<Response>> redis;
    private final Map<Action, Limit> limits = new EnumMap<>(Action.class);
    private final boolean enabled;
    private final Duration timeout;
    private final long warnEveryNanos;
    private final AtomicLong lastWarn = new AtomicLong(System.nanoTime() - Long.MAX_VALUE / 2);
    private final AtomicLong unchecked = new AtomicLong();

    /**
     * @param redis sends one command to Redis (a client, a pooled or a pipelined connection)
     * @throws IllegalArgumentException for an override naming no {@link Action} or giving an invalid limit
     */
    public RateLimiter(Function<Request, Uni<Response>> redis, RateLimitConfig config) {
        this.redis = redis;
        this.enabled = config.enabled();
        this.timeout = config.timeout();
        this.warnEveryNanos = config.warnEvery().toNanos();
        for (Action a : Action.values()) {
            limits.put(a, a.defaults());
        }
        config.actions().forEach((name, o) -> {
            Action a = Action.of(name);
            if (a == null) {
                throw new IllegalArgumentException("market.rate-limit.actions." + name + ": no such action (one of "
                        + java.util.Arrays.stream(Action.values())
                                .map(Action::key)
                                .toList() + ")");
            }
            Limit d = a.defaults();
            limits.put(
                    a,
                    new Limit(
                            o.limit().orElse(d.limit()),
                            o.period().orElse(d.period()),
                            o.burst().orElse(o.limit().orElse(d.burst()))));
        });
    }

    public Limit limit(Action action) {
        return limits.get(action);
    }

    /** The Redis key that holds {@code subject}'s state for {@code action}. */
    public static String key(Action action, String subject) {
        return "rl:" + action.key() + ":" + subject;
    }

    /** Counts one {@code action} by {@code subject}; blocks at most the configured timeout. Not on an event loop. */
    public Decision acquire(Action action, String subject) {
        return check(action, subject).await().indefinitely();
    }

    /** Non-blocking {@link #acquire}; never fails. */
    public Uni<Decision> check(Action action, String subject) {
        if (!enabled) {
            return Uni.createFrom().item(Decision.ALLOW);
        }
        Limit limit = limits.get(action);
        String key = key(action, subject);
        String interval = Long.toString(limit.intervalMillis());
        String burst = Integer.toString(limit.burst());
        return Uni.createFrom()
                .deferred(() -> redis.apply(script(Command.EVALSHA, SHA, key, interval, burst)))
                .onFailure(LuaScripts::notLoaded)
                .recoverWithUni(() -> redis.apply(script(Command.EVAL, SCRIPT, key, interval, burst)))
                .ifNoItem()
                .after(timeout)
                .fail()
                .map(RateLimiter::decision)
                .onFailure()
                .recoverWithItem(e -> {
                    failedOpen(action, e);
                    return Decision.ALLOW;
                });
    }

    private static Request script(Command command, String script, String key, String interval, String burst) {
        return Request.cmd(command).arg(script).arg(1).arg(key).arg(interval).arg(burst);
    }

    private static Decision decision(Response r) {
        if (r.get(0).toLong() == 1) {
            return Decision.ALLOW;
        }
        long waitMillis = r.get(1).toLong();
        return new Decision(false, Math.max(1, (waitMillis + 999) / 1000));
    }

    private void failedOpen(Action action, Throwable e) {
        long n = unchecked.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarn.get();
        if (now - last >= warnEveryNanos && lastWarn.compareAndSet(last, now)) {
            unchecked.set(0);
            LOG.warnf(
                    "Rate limits not enforced: Redis did not answer (%s); %d check(s) allowed unchecked since the "
                            + "last warning, e.g. %s",
                    e.toString(), n, action.key());
        }
    }
}
