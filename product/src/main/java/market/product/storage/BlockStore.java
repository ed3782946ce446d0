package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import market.common.db.Db;
import market.common.db.Row;
import market.common.db.Sql;
import market.product.domain.Block;

/** 차단 (user_block): who blocked whom. A block hides both ways, so most reads ask about either direction. */
@ApplicationScoped
public class BlockStore {

    /**
     * The feed's clause: the listing's seller ({@code p.seller_id}) is not blocked by the caller and has not
     * blocked them; two parameters, the caller's id twice. An uncorrelated subquery, run once per statement
     * (a hashed subplan), so the feed's plan stays the one it had.
     */
    public static final String SELLER_NOT_BLOCKED = "p.seller_id NOT IN (SELECT b.blocked_id FROM user_block b"
            + " WHERE b.blocker_id = ? UNION ALL SELECT b.blocker_id FROM user_block b WHERE b.blocked_id = ?)";

    /** Where the previous page of my blocks ended. */
    public record After(OffsetDateTime createdAt, String userId) {}

    private final Db db;

    public BlockStore(Db db) {
        this.db = db;
    }

    private static Block block(Row r) throws SQLException {
        return new Block(r.string("blocked_id"), r.string("nickname"), r.time("created_at"));
    }

    /** Adds the block unless it exists; true when it is new. */
    public boolean insert(String blockerId, String blockedId, OffsetDateTime at) {
        return db.update(
                        "INSERT INTO user_block (blocker_id, blocked_id, created_at) VALUES (?, ?, ?)"
                                + " ON CONFLICT (blocker_id, blocked_id) DO NOTHING",
                        blockerId,
                        blockedId,
                        at)
                > 0;
    }

    public void delete(String blockerId, String blockedId) {
        db.update("DELETE FROM user_block WHERE blocker_id = ? AND blocked_id = ?", blockerId, blockedId);
    }

    public long count(String blockerId) {
        return db.single("SELECT count(*) AS n FROM user_block WHERE blocker_id = ?", r -> r.getLong("n"), blockerId);
    }

    public Optional<Block> find(String blockerId, String blockedId) {
        return db.optional(
                "SELECT b.blocked_id, b.created_at, u.nickname FROM user_block b"
                        + " LEFT JOIN user_profile u ON u.id = b.blocked_id WHERE b.blocker_id = ? AND b.blocked_id = ?",
                BlockStore::block,
                blockerId,
                blockedId);
    }

    /** The users {@code blockerId} blocked, latest first (up to {@code limit}). */
    public List<Block> blockedBy(String blockerId, After after, int limit) {
        Sql sql = Sql.of(
                "SELECT b.blocked_id, b.created_at, u.nickname FROM user_block b"
                        + " LEFT JOIN user_profile u ON u.id = b.blocked_id WHERE b.blocker_id = ?",
                blockerId);
        if (after != null) {
            sql.append(" AND (b.created_at, b.blocked_id) < (?, ?)", after.createdAt(), after.userId());
        }
        sql.append(" ORDER BY b.created_at DESC, b.blocked_id DESC LIMIT " + limit);
        return db.list(sql, BlockStore::block);
    }

    /** Whether either user blocked the other. */
    public boolean between(String a, String b) {
        return !db.list(
                        "SELECT 1 AS one FROM user_block WHERE (blocker_id = ? AND blocked_id = ?)"
                                + " OR (blocker_id = ? AND blocked_id = ?) LIMIT 1",
                        r -> true,
                        a,
                        b,
                        b,
                        a)
                .isEmpty();
    }

    /** Everyone in a block with the user, either way: whom they blocked and who blocked them. */
    public List<String> partiesOf(String userId) {
        return db.list(
                "SELECT blocked_id AS id FROM user_block WHERE blocker_id = ?"
                        + " UNION SELECT blocker_id FROM user_block WHERE blocked_id = ?",
                r -> r.string("id"),
                userId,
                userId);
    }
}
