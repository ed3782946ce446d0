package market.common.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Abuse limits shared by all replicas through Redis (see {@link RateLimiter}). */
@ConfigMapping(prefix = "market.rate-limit")
public interface RateLimitConfig {

    /** Off only for benchmarks that must not be throttled. */
    @WithDefault("true")
    boolean enabled();

    /** How long a check may wait for Redis before the action is allowed anyway. */
    @WithDefault("300ms")
    Duration timeout();

    /** While Redis is unreachable, at most one warning per this interval (every check would log otherwise). */
    @WithDefault("60s")
    Duration warnEvery();

    /** Overrides of {@link Action}'s defaults, by action name ({@link Action#key()}: chat-send, upload, ...). */
    Map<String, ActionLimit> actions();

    interface ActionLimit {
        OptionalInt limit();

        Optional<Duration> period();

        OptionalInt burst();
    }
}
