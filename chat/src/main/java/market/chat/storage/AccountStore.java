package market.chat.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import market.chat.domain.Room;
import market.common.db.Db;

/**
 * 탈퇴 in chat: the tombstones of deleted accounts, the position in product's feed of them, and closing an
 * account's rooms. Messages stay (the other party keeps the conversation); the account is named 탈퇴한 사용자 and
 * its read marks go.
 */
@ApplicationScoped
public class AccountStore {

    private final Db db;

    public AccountStore(Db db) {
        this.db = db;
    }

    public boolean isDeleted(String userId) {
        return db.optional("SELECT 1 AS one FROM deleted_account WHERE user_id = ?", r -> true, userId)
                .isPresent();
    }

    /** The last feed position applied. */
    public long position() {
        return db.single("SELECT after_seq FROM account_feed WHERE id = 1", r -> r.getLong("after_seq"));
    }

    /** Moves the position forward (never back: two replicas may apply the same page). */
    public void advance(long seq) {
        db.update("UPDATE account_feed SET after_seq = GREATEST(after_seq, ?) WHERE id = 1", seq);
    }

    /** Tombstone, rooms closed and renamed, read marks gone; repeating it changes nothing. */
    @Transactional
    public void apply(String userId, OffsetDateTime deletedAt) {
        db.update(
                "INSERT INTO deleted_account (user_id, deleted_at) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING",
                userId,
                deletedAt);
        db.update("""
                UPDATE chat_room SET closed_at = coalesce(closed_at, now()),
                       seller_nickname = CASE WHEN seller_id = ? THEN ? ELSE seller_nickname END,
                       buyer_nickname = CASE WHEN buyer_id = ? THEN ? ELSE buyer_nickname END
                 WHERE seller_id = ? OR buyer_id = ?""", userId, Room.DELETED_NICKNAME, userId, Room.DELETED_NICKNAME, userId, userId);
        db.update("DELETE FROM chat_read WHERE user_id = ?", userId);
    }
}
