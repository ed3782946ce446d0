package market.product.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.List;
import market.common.api.ApiException;
import market.common.api.Cursor;
import market.common.api.Page;
import market.common.db.Timestamps;
import market.product.domain.Block;
import market.product.storage.BlockStore;
import market.product.storage.ProfileStore;

/**
 * 차단: a user blocks another; from then on neither sees the other's listings and comments, and chat refuses
 * rooms and messages between them (it asks {@link #partiesOf}, and is told of every change once it is committed:
 * {@link BlockEvents}). Idempotent both ways.
 */
@ApplicationScoped
public class BlockService {

    /** Blocks per user: bounds the list chat caches per user and the feed's NOT IN set. */
    public static final int MAX_BLOCKS = 1000;

    public record Blocked(Block block, boolean created) {}

    /** A block between two users was made or removed (fired in its transaction; announced after its commit). */
    public record BlockChanged(String userId, String otherId) {}

    private final BlockStore store;
    private final ProfileStore profiles;
    private final ProfileService me;
    private final Event<BlockChanged> changed;

    public BlockService(BlockStore store, ProfileStore profiles, ProfileService me, Event<BlockChanged> changed) {
        this.store = store;
        this.profiles = profiles;
        this.me = me;
        this.changed = changed;
    }

    /**
     * Blocks {@code userId}: 201-worthy when new, the existing block otherwise. The blocker's profile row is
     * locked first, so two racing blocks (of one or several users) count the limit one after the other.
     */
    @Transactional
    public Blocked block(Caller caller, String userId) {
        if (caller.id().equals(userId)) {
            throw ApiException.unprocessable("You cannot block yourself");
        }
        if (profiles.find(userId).isEmpty()) {
            throw ApiException.badRequest("userId", "no such user");
        }
        me.me(caller.id(), caller.username());
        profiles.lock(caller.id());
        Block existing = store.find(caller.id(), userId).orElse(null);
        if (existing != null) {
            return new Blocked(existing, false);
        }
        if (store.count(caller.id()) >= MAX_BLOCKS) {
            throw ApiException.unprocessable("At most " + MAX_BLOCKS + " blocked users");
        }
        store.insert(caller.id(), userId, Clock.now());
        changed.fire(new BlockChanged(caller.id(), userId));
        return new Blocked(store.find(caller.id(), userId).orElseThrow(), true);
    }

    @Transactional
    public void unblock(Caller caller, String userId) {
        store.delete(caller.id(), userId);
        changed.fire(new BlockChanged(caller.id(), userId));
    }

    /** The users the caller blocked, latest first, keyset-paged on (createdAt, userId). */
    @Transactional
    public Page<Block> list(Caller caller, String cursor, int size) {
        Cursor c = Cursor.decode(cursor, 2);
        BlockStore.After after =
                c == null ? null : new BlockStore.After(Timestamps.fromMicros(c.longAt(0)), c.stringAt(1));
        List<Block> rows = store.blockedBy(caller.id(), after, size + 1);
        return Page.of(rows, size, b -> Cursor.encode(Timestamps.micros(b.createdAt()), b.userId()));
    }

    /** The caller's block of {@code userId}, or 404. */
    @Transactional
    public Block find(Caller caller, String userId) {
        return store.find(caller.id(), userId).orElseThrow(() -> ApiException.notFound("Block"));
    }

    /** Whether either user blocked the other (false when either is unknown/anonymous). */
    @Transactional
    public boolean between(String a, String b) {
        return a != null && b != null && !a.equals(b) && store.between(a, b);
    }

    /** Everyone in a block with the user, either way (for chat). */
    @Transactional
    public List<String> partiesOf(String userId) {
        return store.partiesOf(userId);
    }
}
