package market.notify.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import market.common.db.Db;
import market.common.db.Row;
import market.common.db.Sql;
import market.notify.domain.Audience;
import market.notify.domain.NoticeType;
import market.notify.domain.NoticeView;

/** notice: notices and ads composed by admins, their state and statistics. */
@ApplicationScoped
public class NoticeStore {

    /** A notice (or ad round) that is due, as the dispatcher reads it; {@code dispatched}: its first round went. */
    public record Due(long id, String type, String title, String body, String link, boolean dispatched) {}

    private static final String COLUMNS = """
            SELECT id, type, title, body, link, status, scheduled_at, sent_at, created_at, targeted, sent, failed, held_until
              FROM notice""";

    private final Db db;

    public NoticeStore(Db db) {
        this.db = db;
    }

    /** A new notice, SENDING when {@code scheduledAt} is null (due now), else SCHEDULED; its id. */
    public long add(
            NoticeType type,
            String title,
            String body,
            String link,
            OffsetDateTime scheduledAt,
            String adminId,
            OffsetDateTime now) {
        return db.single(
                """
                INSERT INTO notice (type, title, body, link, status, scheduled_at, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                r -> r.getLong("id"),
                type,
                title,
                body,
                link,
                scheduledAt == null ? "SENDING" : "SCHEDULED",
                scheduledAt,
                adminId,
                now);
    }

    /** Cancels the notice if it is still scheduled; whether it was. */
    public boolean cancel(long id) {
        return db.update("""
                        UPDATE notice SET status = 'CANCELLED', version = version + 1 WHERE id = ? AND status = 'SCHEDULED'""", id) == 1;
    }

    public Optional<NoticeView> find(long id) {
        return db.optional(COLUMNS + " WHERE id = ?", NoticeStore::view, id);
    }

    /** Sent notices (never ads), newest first, with ids below {@code before}. */
    public List<NoticeView> published(long before, int limit) {
        return db.list(
                COLUMNS + " WHERE type = 'NOTICE' AND sent_at IS NOT NULL AND id < ? ORDER BY id DESC LIMIT ?",
                NoticeStore::view,
                before,
                limit);
    }

    /** Every notice and ad, newest first, with ids below {@code before}. */
    public List<NoticeView> all(long before, int limit) {
        return db.list(COLUMNS + " WHERE id < ? ORDER BY id DESC LIMIT ?", NoticeStore::view, before, limit);
    }

    /**
     * The next notice due at {@code now} (scheduled for then, or dispatching and not held past then), locked
     * for the caller's transaction; one that another dispatcher holds is skipped.
     */
    public Optional<Due> lockNextDue(OffsetDateTime now) {
        return db.optional("""
                SELECT id, type, title, body, link, dispatched FROM notice
                 WHERE (status = 'SCHEDULED' AND scheduled_at <= ?)
                    OR (status = 'SENDING' AND (NOT dispatched OR held_until <= ?))
                 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""", NoticeStore::due, now, now);
    }

    /** How many users notify knows that a round is for: a count only, nothing is written per user. */
    public int countAudience(Audience audience, long noticeId) {
        return db.single(
                Sql.of("SELECT count(*) AS n FROM notification_settings s WHERE ")
                        .append(Audiences.condition(audience, noticeId)),
                r -> r.getInt("n"));
    }

    /** A round went out: {@code targeted} more users, the rest held until {@code heldUntil} (or none). */
    public void dispatched(long id, OffsetDateTime now, OffsetDateTime heldUntil, int targeted) {
        db.update("""
                UPDATE notice SET status = 'SENDING', dispatched = true, sent_at = coalesce(sent_at, ?),
                       held_until = ?, targeted = targeted + ?, version = version + 1 WHERE id = ?""", now, heldUntil, targeted, id);
    }

    /** Dispatched notices still SENDING with no round held. */
    public List<Long> sendingUnheld() {
        return db.list(
                "SELECT id FROM notice WHERE status = 'SENDING' AND dispatched AND held_until IS NULL",
                r -> r.getLong("id"));
    }

    private static Due due(Row r) throws SQLException {
        return new Due(
                r.getLong("id"),
                r.string("type"),
                r.string("title"),
                r.string("body"),
                r.string("link"),
                r.getBoolean("dispatched"));
    }

    private static NoticeView view(Row r) throws SQLException {
        return new NoticeView(
                r.getLong("id"),
                r.string("type"),
                r.string("title"),
                r.string("body"),
                r.string("link"),
                r.string("status"),
                r.time("scheduled_at"),
                r.time("sent_at"),
                r.time("created_at"),
                r.time("held_until"),
                new NoticeView.Stats(r.getInt("targeted"), r.getInt("sent"), r.getInt("failed")));
    }
}
