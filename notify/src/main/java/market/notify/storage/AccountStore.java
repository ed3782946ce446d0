package market.notify.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import market.common.db.Db;

/**
 * 탈퇴 in notify: the tombstones of deleted accounts and the statements that delete an account's settings (with
 * its read mark), personal inbox and pending personal pushes. Notices and ads are stored once for everyone, so
 * nothing of them is the account's.
 */
@ApplicationScoped
public class AccountStore {

    private final Db db;

    public AccountStore(Db db) {
        this.db = db;
    }

    /** true when this call wrote the tombstone. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean tombstone(String userId, OffsetDateTime at) {
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

    @Transactional(Transactional.TxType.MANDATORY)
    public void purge(String userId) {
        db.update(
                "UPDATE push_outbox SET status = 'FAILED', last_error = 'account deleted'"
                        + " WHERE user_id = ? AND kind = 'USER' AND status = 'PENDING'",
                userId);
        db.update("DELETE FROM notification WHERE user_id = ?", userId);
        db.update("DELETE FROM notification_settings WHERE user_id = ?", userId);
    }
}
