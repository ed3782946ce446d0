package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import market.common.db.Db;
import market.common.db.Row;
import market.product.domain.DeletedAccount;

/**
 * 탈퇴: the tombstones of deleted accounts (deleted_account) and the statements that take an account's data out of
 * every product table in one transaction. Listings are soft-deleted (their photos queued as orphans, so the
 * cleanup job removes them from the bucket), likes, keyword alerts, view marks and the profile are deleted, the
 * comments and the reviews the account wrote lose their author, the reviews it received go.
 */
@ApplicationScoped
public class AccountStore {

    /** The advisory lock that orders tombstones (shared while one is written, exclusive while they are read). */
    private static final long FEED_LOCK = 0x6163636f756e7473L; // "accounts"

    private final Db db;

    public AccountStore(Db db) {
        this.db = db;
    }

    private static DeletedAccount deleted(Row r) throws SQLException {
        return new DeletedAccount(r.getLong("seq"), r.string("user_id"), r.time("deleted_at"));
    }

    /**
     * Writes the tombstone; true when this call wrote it. A second deletion racing this one waits on the row
     * until this transaction ends, then finds it (false) and does nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean tombstone(String userId, OffsetDateTime at) {
        db.list("SELECT pg_advisory_xact_lock_shared(?) AS locked", r -> true, FEED_LOCK);
        return db.update(
                        "INSERT INTO deleted_account (user_id, deleted_at) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING",
                        userId,
                        at)
                == 1;
    }

    public boolean isDeleted(String userId) {
        return db.optional("SELECT 1 AS one FROM deleted_account WHERE user_id = ?", r -> true, userId)
                .isPresent();
    }

    /**
     * Tombstones after {@code seq}, oldest first. The exclusive lock waits for deletions still being written, so
     * every seq drawn before this read is committed and a reader that moves past it misses none.
     */
    @Transactional
    public List<DeletedAccount> after(long seq, int limit) {
        db.list("SELECT pg_advisory_xact_lock(?) AS locked", r -> true, FEED_LOCK);
        return db.list(
                "SELECT seq, user_id, deleted_at FROM deleted_account WHERE seq > ? ORDER BY seq LIMIT ?",
                AccountStore::deleted,
                seq,
                limit);
    }

    /** Soft-deletes the seller's live listings; their photos become orphans (removed from the bucket later). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteListings(String userId, OffsetDateTime at) {
        db.update("""
                INSERT INTO orphan_object (object_key)
                SELECT i.object_key FROM product_image i JOIN product p ON p.id = i.product_id WHERE p.seller_id = ?
                UNION SELECT i.thumb_key FROM product_image i JOIN product p ON p.id = i.product_id WHERE p.seller_id = ?
                ON CONFLICT DO NOTHING""", userId, userId);
        db.update("DELETE FROM product_image WHERE product_id IN (SELECT id FROM product WHERE seller_id = ?)", userId);
        return db.update(
                "UPDATE product SET deleted_at = ?, version = version + 1 WHERE seller_id = ? AND deleted_at IS NULL",
                at,
                userId);
    }

    /** Removes the account's likes and takes them off the listings' like counts. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deleteLikes(String userId) {
        db.update("""
                UPDATE product SET like_count = greatest(like_count - 1, 0)
                WHERE id IN (SELECT product_id FROM product_like WHERE user_id = ?)""", userId);
        db.update("DELETE FROM product_like WHERE user_id = ?", userId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void deleteKeywordsViewsAndProfile(String userId) {
        db.update("DELETE FROM keyword_alert WHERE user_id = ?", userId);
        db.update("DELETE FROM product_view WHERE viewer = ?", "u:" + userId);
        db.update("DELETE FROM user_profile WHERE id = ?", userId);
    }

    /** Comments and written reviews keep their text and lose their author; reviews about the account go. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void anonymise(String userId) {
        db.update("UPDATE product_comment SET author_id = NULL WHERE author_id = ?", userId);
        db.update("UPDATE review SET reviewer_id = NULL WHERE reviewer_id = ?", userId);
        db.update("DELETE FROM review WHERE reviewee_id = ?", userId);
    }
}
