package market.chat.service;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import market.chat.client.ProductBlocks;
import market.chat.config.ChatConfig;
import market.chat.domain.Room;
import market.common.api.ApiException;
import market.common.api.Problem;

/**
 * 차단 in chat: two users in a block (either way) cannot open a room together or send in one; their existing rooms
 * stay readable. Each user's blocks come from product and are cached per replica for
 * {@code market.chat.block-cache-ttl} (5 s), so the send path asks product at most once per user per TTL: a block
 * takes effect within that time. Concurrent misses for one user wait for one call (Caffeine's loading cache).
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

    public Blocks(ProductBlocks product, ChatConfig config) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(MAX_USERS)
                .expireAfterWrite(config.blockCacheTtl())
                .build(product::partiesOf);
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
