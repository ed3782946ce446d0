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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import market.chat.client.ProductBlocks;
import market.chat.config.ChatConfig;
import market.chat.domain.Room;
import market.common.api.ApiException;
import market.common.api.Problem;

/**
 * 차단 in chat: two users in a block (either way) cannot open a room together or send in one; their existing rooms
 * stay readable. Each user's blocks come from product and are cached per replica for
 * {@code market.chat.block-cache-ttl} (60 s); product announces every committed change on Redis ({@code
 * market:blocks}, received by {@link Fanout}'s subscription) and both users' entries are dropped at once, so a block
 * takes effect immediately. While that subscription is down (Redis unreachable) changes are not heard: an entry
 * older than {@code market.chat.block-cache-ttl-unheard} (5 s) is then asked again before it is used, and no entry from
 * before is used once the subscription is back. An answer that is not product's (its fallback's last known blocks,
 * while product does not answer) is kept only as long. A user who keeps sending never waits for product: from a random
 * point between 3/5 and 9/10 of the TTL on, a look serves the cached answer and asks product again in the background
 * (on the worker pool); a user whose entry expired waits for one call (concurrent misses for one user share it:
 * Caffeine's loading cache). Asking product every 5 s for every sender cost more CPU than anything else outside the
 * send path (product at 10 % of a core for 1,000 chatting users) and doubled chat's p99 on the 2-core bench.
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

    /**
     * A user's blocks as product answered them (or, unconfirmed, the fallback's last known ones), when (the ticker's
     * nanos), and in which epoch (the count of times announcements started to be heard, read before asking).
     */
    private record Entry(Set<String> parties, long loaded, long epoch, boolean unconfirmed, long refreshAfter) {}

    private final LoadingCache<String, Entry> cache;
    private final Ticker ticker;
    private final long ttlNanos;
    private final long unheardNanos;
    /** Whether product's announcements of changes reach this replica (the subscription is up). */
    private volatile boolean hearing;
    /**
     * Bumped when announcements start to be heard (again): an entry of an earlier epoch may hold a change made while
     * they were not, including one whose load was still running when the cache was cleared.
     */
    private final AtomicLong epoch = new AtomicLong();

    @Inject
    public Blocks(ProductBlocks product, ChatConfig config) {
        this(
                product,
                config.blockCacheTtl(),
                config.blockCacheTtlUnheard(),
                Ticker.systemTicker(),
                Infrastructure.getDefaultWorkerPool());
    }

    /** With the clock and the executor of the background refresh given (tests). */
    Blocks(ProductBlocks product, Duration ttl, Duration unheard, Ticker ticker, Executor refresh) {
        this.ticker = ticker;
        this.unheardNanos = unheard.toNanos();
        this.ttlNanos = ttl.toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(MAX_USERS)
                .ticker(ticker)
                .executor(refresh)
                .expireAfterWrite(ttl)
                .build(user -> {
                    long asked = epoch.get();
                    Set<String> parties = product.partiesOf(user);
                    return new Entry(
                            parties, ticker.read(), asked, ProductBlocks.unconfirmed(parties), refreshAfter(ttlNanos));
                });
    }

    /**
     * When an entry is asked again in the background: at a random point between 3/5 and 9/10 of the TTL, so entries
     * loaded together (a replica's start, the renewal of every entry after a Redis outage) are not all asked again in
     * the same second (the bench's 1,000 users, loaded at its start, came back as one burst every 48 s).
     */
    private static long refreshAfter(long ttlNanos) {
        return (long) (ttlNanos * (0.6 + 0.3 * ThreadLocalRandom.current().nextDouble()));
    }

    /** Product announced a change of these users' blocks: their next look asks product. */
    public void changed(String... userIds) {
        for (String user : userIds) {
            cache.invalidate(user);
        }
    }

    /**
     * Whether product's announcements reach this replica. When they start to (again), no entry from before is used
     * (each is asked again at its next look): changes made while they did not were not heard. Never waits (the
     * subscription's event loop calls it, in the order the subscription went up and down).
     */
    public void hearing(boolean hearing) {
        if (hearing && !this.hearing) {
            epoch.incrementAndGet();
        }
        this.hearing = hearing;
    }

    private Set<String> parties(String userId) {
        Entry entry = cache.get(userId);
        long age = ticker.read() - entry.loaded();
        boolean shortLived = !hearing || entry.unconfirmed();
        if (entry.epoch() < epoch.get() || (shortLived && age > unheardNanos)) {
            // from before announcements were heard again, or (changes not heard now, or product did not answer) older
            // than the short TTL: not used
            cache.invalidate(userId);
            entry = cache.get(userId);
        } else if (ttlNanos > 0
                && age > (shortLived ? Math.min(entry.refreshAfter(), unheardNanos / 5 * 4) : entry.refreshAfter())) {
            cache.refresh(userId); // in the background (one at a time per user), so a sender never waits for product
        }
        return entry.parties();
    }

    /** Whether the two users are in a block, either way. */
    public boolean between(String userId, String otherId) {
        Set<String> parties = parties(userId);
        return !parties.isEmpty() && parties.contains(otherId);
    }

    /** Whether the user is in any block at all (most are not: then no room needs to be looked at). */
    public boolean hasAny(String userId) {
        return !parties(userId).isEmpty();
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
