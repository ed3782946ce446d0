package market.notify.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import market.common.db.Db;
import market.common.db.Row;
import market.common.db.Sql;
import market.common.outbox.Backoff;
import market.common.outbox.Outbox;
import market.common.outbox.OutboxTable;
import market.common.outbox.Retried;
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

    private static final String COLUMNS =
            "id, kind, topic, user_id, tokens, title, body, data, ad, notice_id, recipients, attempts";

    private final Db db;
    private final DataJson json;
    private final Outbox outbox;

    public PushOutboxStore(Db db, DataJson json, Clock clock) {
        this.db = db;
        this.json = json;
        this.outbox = new Outbox(db, OutboxTable.withStatus("push_outbox", "status", "done_at"), clock);
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
     * Takes due rows through the common outbox: leased (hidden from relays here and on other replicas until
     * {@code lease} is over, so a crash mid-send only delays them), the attempt counted, oldest due first.
     */
    public List<Pending> claim(int limit, Duration lease) {
        return outbox.claim(limit, lease, COLUMNS, this::pending);
    }

    public List<String> tokensOf(String userId) {
        return db.list(
                "SELECT token FROM device WHERE user_id = ? ORDER BY created_at", r -> r.string("token"), userId);
    }

    /** The tokens of each of the users (oldest device first); users without devices are absent. */
    public Map<String, List<String>> tokensOf(Collection<String> userIds) {
        Map<String, List<String>> tokens = new HashMap<>();
        if (userIds.isEmpty()) {
            return tokens;
        }
        for (String[] r : db.list(
                "SELECT user_id, token FROM device WHERE user_id = ANY(?) ORDER BY created_at, token",
                row -> new String[] {row.string("user_id"), row.string("token")},
                (Object) userIds.toArray(String[]::new))) {
            tokens.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]);
        }
        return tokens;
    }

    /** The consent of each of the users; users without settings are absent (no consent). */
    public Map<String, Consent> consentOf(Collection<String> userIds) {
        Map<String, Consent> consent = new HashMap<>();
        if (userIds.isEmpty()) {
            return consent;
        }
        db.list(
                        "SELECT user_id, marketing, marketing_night FROM notification_settings WHERE user_id = ANY(?)",
                        r -> Map.entry(r.string("user_id"), consent(r)),
                        (Object) userIds.toArray(String[]::new))
                .forEach(e -> consent.put(e.getKey(), e.getValue()));
        return consent;
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
     * Finished: delivered (sent) or given up (failed, a dead letter with its error); counts towards the notice's
     * statistics. In a transaction: the row, the statistics and the notice's state change together. Like every
     * write below, it changes the row only while {@code row}'s claim still holds it (see {@link Outbox}): false,
     * and nothing counted, when another claim took the row over.
     */
    public boolean finish(Pending row, boolean delivered, String error) {
        boolean applied =
                delivered ? outbox.delivered(row.id(), row.attempts()) : outbox.dead(row.id(), row.attempts(), error);
        if (!applied) {
            return false;
        }
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
        return true;
    }

    /**
     * Finishes many rows as {@link #finish} does one, in few statements: the delivered ones at once, the notices'
     * statistics summed per notice (of the rows still held by their claims), each notice's state checked once.
     * Run it in a transaction. Returns how many rows were left alone because another claim had taken them over.
     */
    public int finishAll(List<Pending> delivered, Map<Pending, String> failed) {
        Set<Long> done = outbox.delivered(
                delivered.stream().mapToLong(Pending::id).toArray(),
                delivered.stream().mapToInt(Pending::attempts).toArray());
        int counted = 0;
        Map<Long, int[]> stats = new TreeMap<>();
        for (Pending row : delivered) {
            if (done.contains(row.id())) {
                counted++;
                if (row.noticeId() != null) {
                    stats.computeIfAbsent(row.noticeId(), k -> new int[2])[0] += row.recipients();
                }
            }
        }
        for (Map.Entry<Pending, String> f : failed.entrySet()) {
            Pending row = f.getKey();
            if (outbox.dead(row.id(), row.attempts(), f.getValue())) {
                counted++;
                if (row.noticeId() != null) {
                    stats.computeIfAbsent(row.noticeId(), k -> new int[2])[1] += row.recipients();
                }
            }
        }
        stats.forEach((noticeId, sentFailed) -> {
            // Always locks the notice's row (also with nothing to add): a relay finishing other rows of the
            // notice at the same time waits here, and its check below then sees these rows finished.
            db.update(
                    "UPDATE notice SET sent = sent + ?, failed = failed + ? WHERE id = ?",
                    sentFailed[0],
                    sentFailed[1],
                    noticeId);
            finishNoticeIfDone(noticeId);
        });
        return delivered.size() + failed.size() - counted;
    }

    /**
     * Failed this attempt: due again after the backoff with {@code tokens} (null: all) still to send to, or, once
     * the attempts ran out, finished as failed (see {@link #finish}).
     */
    public Retried retry(Pending row, List<String> tokens, String error, Backoff backoff) {
        if (backoff.exhausted(row.attempts())) {
            return finish(row, false, error) ? Retried.GIVEN_UP : Retried.STALE;
        }
        return outbox.retry(row.id(), row.attempts(), error, backoff, tokens(tokens));
    }

    /**
     * Held, not failed (an ad kept until morning): due at {@code at}; false if another claim had taken the row
     * over. The claim stays counted as an attempt (at most one hold a night, far below the attempts allowed).
     */
    public boolean hold(Pending row, Instant at, String reason) {
        return outbox.later(row.id(), row.attempts(), at, reason, tokens(row.tokens()));
    }

    private static Sql tokens(List<String> tokens) {
        return Sql.of("tokens = ?", tokens == null ? null : String.join("\n", tokens));
    }

    /** A notice is SENT (or FAILED when nothing got through) once nothing of it is pending or held. */
    public void finishNoticeIfDone(long noticeId) {
        db.update("""
                UPDATE notice SET status = CASE WHEN sent = 0 AND failed > 0 THEN 'FAILED' ELSE 'SENT' END,
                       version = version + 1
                 WHERE id = ? AND status = 'SENDING' AND dispatched AND held_until IS NULL
                   AND NOT EXISTS (SELECT 1 FROM push_outbox WHERE notice_id = ? AND status = 'PENDING')""", noticeId, noticeId);
    }

    /** Deletes pushes finished more than {@code retention} ago; how many. */
    public int purgeFinished(Duration retention) {
        return outbox.purge(retention);
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
                r.getInt("attempts"));
    }

    private static Wants wants(Row r) throws SQLException {
        return new Wants(r.string("token"), r.getBoolean("ads"));
    }

    private static Consent consent(Row r) throws SQLException {
        return new Consent(r.getBoolean("marketing"), r.getBoolean("marketing_night"));
    }
}
