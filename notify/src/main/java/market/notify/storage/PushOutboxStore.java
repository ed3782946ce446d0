package market.notify.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import market.common.db.Db;
import market.common.db.Row;
import market.common.db.Sql;
import market.notify.domain.Audience;
import market.notify.domain.Topics;

/**
 * push_outbox: pushes recorded in the transaction of the change that caused them, and what the relay reads and
 * writes while delivering them (the rows, the recipients' devices and consent, the notices' statistics).
 */
@ApplicationScoped
public class PushOutboxStore {

    /** A claimed push; {@code attempts} counts this one. */
    public record Pending(
            long id,
            String kind,
            String topic,
            String userId,
            List<String> tokens,
            String title,
            String body,
            Map<String, String> data,
            boolean ad,
            Long noticeId,
            int recipients,
            int attempts) {}

    public record Consent(boolean marketing, boolean night) {}

    private final Db db;
    private final DataJson json;

    public PushOutboxStore(Db db, DataJson json) {
        this.db = db;
        this.json = json;
    }

    /** A push to every device in {@code topic}, for {@code recipients} users (the notice's statistics). */
    public void addTopic(
            String topic,
            String title,
            String body,
            Map<String, String> data,
            boolean ad,
            Long noticeId,
            int recipients,
            OffsetDateTime now) {
        db.update("""
                INSERT INTO push_outbox (kind, topic, title, body, data, ad, notice_id, recipients, next_attempt_at, created_at)
                VALUES ('TOPIC', ?, ?, ?, ?, ?, ?, ?, ?, ?)""", topic, title, body, json.write(data), ad, noticeId, recipients, now, now);
    }

    /** A push to every device of the user. */
    public void addUser(String userId, String title, String body, Map<String, String> data, OffsetDateTime now) {
        db.update("""
                INSERT INTO push_outbox (kind, user_id, title, body, data, next_attempt_at, created_at)
                VALUES ('USER', ?, ?, ?, ?, ?, ?)""", userId, title, body, json.write(data), now, now);
    }

    /** One personal push per user the round of the notice is for; how many were added. */
    public int addUsersOfNotice(
            long noticeId,
            Audience audience,
            String title,
            String body,
            Map<String, String> data,
            boolean ad,
            OffsetDateTime now) {
        return db.update(Sql.of("""
                        INSERT INTO push_outbox (kind, user_id, title, body, data, ad, notice_id, next_attempt_at, created_at)
                        SELECT 'USER', s.user_id, ?, ?, ?, ?, ?, ?, ? FROM notification_settings s WHERE\s""", title, body, json.write(data), ad, noticeId, now, now)
                .append(Audiences.condition(audience, noticeId)));
    }

    /** (Un)subscribes the tokens to the topic. */
    public void addTopicMembership(boolean subscribe, String topic, Collection<String> tokens, OffsetDateTime now) {
        db.update("""
                INSERT INTO push_outbox (kind, topic, tokens, recipients, next_attempt_at, created_at)
                VALUES (?, ?, ?, 0, ?, ?)""", subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE", topic, String.join("\n", tokens), now, now);
    }

    /**
     * Takes due rows and leases them (pushes next_attempt_at past the lease) so that other relays, here or on
     * other replicas, skip them while they are being sent; a crash mid-send only delays them to the lease end.
     * In a transaction: the rows stay locked from the SELECT to the lease.
     */
    public List<Pending> claim(Instant now, int limit, Instant leaseEnd) {
        List<Pending> claimed = db.list("""
                SELECT id, kind, topic, user_id, tokens, title, body, data, ad, notice_id, recipients, attempts
                  FROM push_outbox WHERE status = 'PENDING' AND next_attempt_at <= ?
                 ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED""", this::pending, now, limit);
        if (claimed.isEmpty()) {
            return List.of();
        }
        db.update(
                "UPDATE push_outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ANY(?)",
                leaseEnd,
                claimed.stream().mapToLong(Pending::id).toArray());
        return claimed;
    }

    public List<String> tokensOf(String userId) {
        return db.list(
                "SELECT token FROM device WHERE user_id = ? ORDER BY created_at", r -> r.string("token"), userId);
    }

    /** Of the given tokens, those whose device still wants (or, for unsubscribe, no longer wants) the topic. */
    public List<String> topicTargets(boolean subscribe, String topic, List<String> tokens) {
        Set<String> wanting = new HashSet<>();
        for (Wants w : db.list("SELECT token, ads FROM device WHERE token = ANY(?)", PushOutboxStore::wants, (Object)
                tokens.toArray(String[]::new))) {
            if (!Topics.ADS.equals(topic) || w.ads()) {
                wanting.add(w.token());
            }
        }
        return tokens.stream().filter(t -> subscribe == wanting.contains(t)).toList();
    }

    public Consent consentOf(String userId) {
        return db.optional(
                        "SELECT marketing, marketing_night FROM notification_settings WHERE user_id = ?",
                        PushOutboxStore::consent,
                        userId)
                .orElse(new Consent(false, false));
    }

    /** Forgets tokens FCM called dead, and returns how many it forgot. */
    public int forget(Collection<String> tokens) {
        if (tokens.isEmpty()) {
            return 0;
        }
        return db.update("DELETE FROM device WHERE token = ANY(?)", (Object) tokens.toArray(String[]::new));
    }

    /**
     * Finished: delivered (sent) or given up (failed); counts towards the notice's statistics. In a transaction:
     * the row, the statistics and the notice's state change together.
     */
    public void finish(Pending row, boolean delivered, String error, Instant now) {
        db.update(
                "UPDATE push_outbox SET status = ?, done_at = ?, last_error = ? WHERE id = ?",
                delivered ? "DONE" : "FAILED",
                now,
                truncate(error),
                row.id());
        if (row.noticeId() != null && row.recipients() > 0) {
            db.update(
                    delivered
                            ? "UPDATE notice SET sent = sent + ? WHERE id = ?"
                            : "UPDATE notice SET failed = failed + ? WHERE id = ?",
                    row.recipients(),
                    row.noticeId());
        }
        if (row.noticeId() != null) {
            finishNoticeIfDone(row.noticeId());
        }
    }

    /** Not now: try again at {@code at}, optionally with fewer tokens; {@code countAttempt=false} for holds. */
    public void postpone(Pending row, Instant at, List<String> tokens, String error, boolean countAttempt) {
        db.update(
                """
                UPDATE push_outbox SET next_attempt_at = ?, tokens = ?, last_error = ?,
                       attempts = attempts - ? WHERE id = ?""",
                at,
                tokens == null ? null : String.join("\n", tokens),
                truncate(error),
                countAttempt ? 0 : 1,
                row.id());
    }

    /** A notice is SENT (or FAILED when nothing got through) once nothing of it is pending or held. */
    public void finishNoticeIfDone(long noticeId) {
        db.update("""
                UPDATE notice SET status = CASE WHEN sent = 0 AND failed > 0 THEN 'FAILED' ELSE 'SENT' END,
                       version = version + 1
                 WHERE id = ? AND status = 'SENDING' AND dispatched AND held_until IS NULL
                   AND NOT EXISTS (SELECT 1 FROM push_outbox WHERE notice_id = ? AND status = 'PENDING')""", noticeId, noticeId);
    }

    /** Deletes pushes finished before {@code before}; how many. */
    public int purgeFinished(OffsetDateTime before) {
        return db.update("DELETE FROM push_outbox WHERE status <> 'PENDING' AND done_at < ?", before);
    }

    private record Wants(String token, boolean ads) {}

    private Pending pending(Row r) throws SQLException {
        String tokens = r.string("tokens");
        String data = r.string("data");
        return new Pending(
                r.getLong("id"),
                r.string("kind"),
                r.string("topic"),
                r.string("user_id"),
                tokens == null ? null : List.of(tokens.split("\n")),
                r.string("title"),
                r.string("body"),
                data == null ? Map.of() : json.read(data, "outbox"),
                r.getBoolean("ad"),
                r.nullableLong("notice_id"),
                r.getInt("recipients"),
                r.getInt("attempts") + 1);
    }

    private static Wants wants(Row r) throws SQLException {
        return new Wants(r.string("token"), r.getBoolean("ads"));
    }

    private static Consent consent(Row r) throws SQLException {
        return new Consent(r.getBoolean("marketing"), r.getBoolean("marketing_night"));
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
