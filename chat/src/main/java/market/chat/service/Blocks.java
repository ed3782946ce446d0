package market.chat.service;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executor;
import market.chat.client.ProductBlocks;
import market.chat.config.ChatConfig;
import market.chat.domain.Room;
import market.common.api.ApiException;
import market.common.api.Problem;

/**
 * 차단 in chat: two users in a block (either way) cannot open a room together or send in one; their existing rooms
 * stay readable. Each user's blocks come from product and are cached per replica for
 * {@code market.chat.block-cache-ttl} (5 s): a block takes effect within that time. A user who sends at least once in
 * the last fifth of each TTL (a second, by default) never waits for product: from 4/5 of the TTL on, a look serves
 * the cached answer and asks product again in the background (on the worker pool), so the entry is replaced before
 * it expires; a user whose entry expired meanwhile waits for one call (concurrent misses for one user share it: Caffeine's loading cache). Before, every sender
 * waited for product once per TTL, on the send path: the bench's slowest sends waited seconds there.
 */
@ApplicationScoped
public class Blocks {

    /** 403 problem+json with its own type; the WebSocket's error frame says {@code "code":"blocked"}. */
    public static final class Refused extends ApiException {

        public static final String TYPE = "urn:market:problem:blocked";

        Refused() {
            super(403, "Blocked", "You and this user blocked each other's chats (차단); the room is read-only");
        }

        @Override
        public Problem toProblem() {
            return new Problem(TYPE, "Blocked", 403, getMessage(), null);
        }
    }

    private static final int MAX_USERS = 50_000;

    private final LoadingCache<String, Set<String>> cache;

    @Inject
    public Blocks(ProductBlocks product, ChatConfig config) {
        this(product, config.blockCacheTtl(), Ticker.systemTicker(), Infrastructure.getDefaultWorkerPool());
    }

    /** With the clock and the executor of the background refresh given (tests). */
    Blocks(ProductBlocks product, Duration ttl, Ticker ticker, Executor refresh) {
        Caffeine<Object, Object> builder = Caffeine.newBuilder()
                .maximumSize(MAX_USERS)
                .ticker(ticker)
                .executor(refresh)
                .expireAfterWrite(ttl);
        Duration refreshAfter = ttl.multipliedBy(4).dividedBy(5);
        if (!refreshAfter.isZero() && !refreshAfter.isNegative()) {
            builder.refreshAfterWrite(refreshAfter);
        }
        this.cache = builder.build(product::partiesOf);
    }

    /** Whether the two users are in a block, either way. */
    public boolean between(String userId, String otherId) {
        Set<String> parties = cache.get(userId);
        return !parties.isEmpty() && parties.contains(otherId);
    }

    /** Whether the user is in any block at all (most are not: then no room needs to be looked at). */
    public boolean hasAny(String userId) {
        return !cache.get(userId).isEmpty();
    }

    public void requireNotBetween(String userId, String otherId) {
        if (between(userId, otherId)) {
            throw new Refused();
        }
    }

    public void requireNotBlocked(Room room, String userId) {
        requireNotBetween(userId, room.otherThan(userId));
    }
}
