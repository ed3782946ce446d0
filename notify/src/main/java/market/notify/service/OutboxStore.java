package market.notify.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The relay's short transactions against push_outbox, devices and notice statistics. */
@ApplicationScoped
public class OutboxStore {

    public record Row(
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

    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

    private final EntityManager em;
    private final ObjectMapper json;

    public OutboxStore(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /**
     * Takes due rows and leases them (pushes next_attempt_at past the lease) so that other relays, here or on
     * other replicas, skip them while they are being sent; a crash mid-send only delays them to the lease end.
     */
    @Transactional
    public List<Row> claim(Instant now, int limit, Instant leaseEnd) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, kind, topic, user_id, tokens, title, body, data, ad, notice_id, recipients, attempts
                  FROM push_outbox WHERE status = 'PENDING' AND next_attempt_at <= ?1
                 ORDER BY next_attempt_at, id LIMIT ?2 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, utc(now))
                .setParameter(2, limit)
                .getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Row> claimed = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            claimed.add(new Row(
                    ((Number) r[0]).longValue(),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    r[4] == null ? null : List.of(((String) r[4]).split("\n")),
                    (String) r[5],
                    (String) r[6],
                    r[7] == null ? Map.of() : parse((String) r[7]),
                    (Boolean) r[8],
                    r[9] == null ? null : ((Number) r[9]).longValue(),
                    ((Number) r[10]).intValue(),
                    ((Number) r[11]).intValue() + 1));
        }
        em.createNativeQuery("UPDATE push_outbox SET attempts = attempts + 1, next_attempt_at = ?1 WHERE id IN (?2)")
                .setParameter(1, utc(leaseEnd))
                .setParameter(2, claimed.stream().map(Row::id).toList())
                .executeUpdate();
        return claimed;
    }

    @Transactional
    public List<String> tokensOf(String userId) {
        @SuppressWarnings("unchecked")
        List<String> tokens = em.createNativeQuery("SELECT token FROM device WHERE user_id = ?1 ORDER BY created_at")
                .setParameter(1, userId)
                .getResultList();
        return tokens;
    }

    /** Of the given tokens, those whose device still wants (or, for unsubscribe, no longer wants) the topic. */
    @Transactional
    public List<String> topicTargets(boolean subscribe, String topic, List<String> tokens) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT token, ads FROM device WHERE token IN (?1)")
                .setParameter(1, tokens)
                .getResultList();
        Set<String> wanting = new HashSet<>();
        for (Object[] r : rows) {
            if (!PushOutbox.ADS_TOPIC.equals(topic) || (Boolean) r[1]) {
                wanting.add((String) r[0]);
            }
        }
        return tokens.stream().filter(t -> subscribe == wanting.contains(t)).toList();
    }

    @Transactional
    public Consent consentOf(String userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT marketing, marketing_night FROM notification_settings WHERE user_id = ?1")
                .setParameter(1, userId)
                .getResultList();
        return rows.isEmpty()
                ? new Consent(false, false)
                : new Consent((Boolean) rows.get(0)[0], (Boolean) rows.get(0)[1]);
    }

    /** Forgets tokens FCM called dead, and returns how many it forgot. */
    @Transactional
    public int forget(Collection<String> tokens) {
        if (tokens.isEmpty()) {
            return 0;
        }
        return em.createNativeQuery("DELETE FROM device WHERE token IN (?1)")
                .setParameter(1, List.copyOf(tokens))
                .executeUpdate();
    }

    /** Finished: delivered (sent) or given up (failed); counts towards the notice's statistics. */
    @Transactional
    public void finish(Row row, boolean delivered, String error, Instant now) {
        em.createNativeQuery("UPDATE push_outbox SET status = ?2, done_at = ?3, last_error = ?4 WHERE id = ?1")
                .setParameter(1, row.id())
                .setParameter(2, delivered ? "DONE" : "FAILED")
                .setParameter(3, utc(now))
                .setParameter(4, truncate(error))
                .executeUpdate();
        if (row.noticeId() != null && row.recipients() > 0) {
            em.createNativeQuery(
                            delivered
                                    ? "UPDATE notice SET sent = sent + ?2 WHERE id = ?1"
                                    : "UPDATE notice SET failed = failed + ?2 WHERE id = ?1")
                    .setParameter(1, row.noticeId())
                    .setParameter(2, row.recipients())
                    .executeUpdate();
        }
        if (row.noticeId() != null) {
            finishNoticeIfDone(row.noticeId());
        }
    }

    /** Not now: try again at {@code at}, optionally with fewer tokens; {@code countAttempt=false} for holds. */
    @Transactional
    public void postpone(Row row, Instant at, List<String> tokens, String error, boolean countAttempt) {
        em.createNativeQuery("""
                UPDATE push_outbox SET next_attempt_at = ?2, tokens = ?3, last_error = ?4,
                       attempts = attempts - ?5 WHERE id = ?1""")
                .setParameter(1, row.id())
                .setParameter(2, utc(at))
                .setParameter(3, tokens == null ? null : String.join("\n", tokens))
                .setParameter(4, truncate(error))
                .setParameter(5, countAttempt ? 0 : 1)
                .executeUpdate();
    }

    /** A notice is SENT (or FAILED when nothing got through) once nothing of it is pending or held. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void finishNoticeIfDone(long noticeId) {
        em.createNativeQuery("""
                UPDATE notice SET status = CASE WHEN sent = 0 AND failed > 0 THEN 'FAILED' ELSE 'SENT' END,
                       version = version + 1
                 WHERE id = ?1 AND status = 'SENDING' AND dispatched AND held_until IS NULL
                   AND NOT EXISTS (SELECT 1 FROM push_outbox WHERE notice_id = ?1 AND status = 'PENDING')""").setParameter(1, noticeId).executeUpdate();
    }

    private Map<String, String> parse(String text) {
        try {
            return json.readValue(text, MAP);
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable outbox data", e);
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }

    static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
