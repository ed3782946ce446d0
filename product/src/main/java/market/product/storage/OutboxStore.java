package market.product.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import market.common.db.Db;
import market.common.db.Row;
import market.common.events.EventType;
import market.common.events.InternalEvent;
import market.common.outbox.Backoff;
import market.common.outbox.Outbox;
import market.common.outbox.OutboxTable;
import market.common.text.TextRules;
import market.common.tracing.TraceParents;

/**
 * outbox_event: notification events written inside the caller's transaction (the event exists exactly when the
 * change that caused it was committed), and the relay's side of the table — the common {@link Outbox} claiming,
 * finishing and purging them — read back as events. {@code OutboxRelay} delivers them to notify, continuing the
 * trace of the request stored with the event.
 */
@ApplicationScoped
public class OutboxStore {

    /** {@code event} is null when the stored type is none notify knows; such an event is set aside unsent. */
    public record Due(
            long id,
            int attempts,
            String idempotencyKey,
            String type,
            String recipientId,
            InternalEvent event,
            String traceparent,
            String destination) {

        /** 탈퇴: delivered as a call about the account rather than as a notification. */
        public boolean accountDeleted() {
            return ACCOUNT_DELETED.equals(type);
        }
    }

    /** The outbox type of an account deletion (not a notification, so not an {@link EventType}). */
    public static final String ACCOUNT_DELETED = "ACCOUNT_DELETED";

    public static final String TO_NOTIFY = "notify";
    public static final String TO_KEYCLOAK = "keycloak";

    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {};
    private static final String COLUMNS =
            "id, attempts, idempotency_key, type, recipient_id, title, body, CAST(data AS text) AS data, traceparent,"
                    + " destination";

    private final Db db;
    private final ObjectMapper json;
    private final Outbox outbox;

    public OutboxStore(Db db, ObjectMapper json) {
        this.db = db;
        this.json = json;
        this.outbox = new Outbox(
                db, OutboxTable.withTimestamps("outbox_event", "delivered_at", "dead_at"), Clock.systemUTC());
    }

    /** Records an event once per idempotency key; a second event with the same key is dropped. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(
            String idempotencyKey,
            EventType type,
            String recipientId,
            String title,
            String body,
            Map<String, Object> data) {
        String payload;
        try {
            payload = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data not serialisable", e);
        }
        db.update(
                """
                INSERT INTO outbox_event (idempotency_key, type, recipient_id, title, body, data, traceparent)
                VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?)
                ON CONFLICT (idempotency_key) DO NOTHING""",
                idempotencyKey,
                type.name(),
                recipientId,
                clip(title, 200),
                clip(body, 1000),
                payload,
                TraceParents.current());
    }

    /**
     * 탈퇴: one ACCOUNT_DELETED row per destination (Keycloak's user, notify's data), each retried on its own until
     * delivered; the keys make a repeated deletion add nothing. Notifications to the account not yet sent are set
     * aside first: notify would drop them anyway.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAccountDeleted(String userId) {
        db.update("""
                UPDATE outbox_event SET dead_at = now(), last_error = 'recipient deleted their account'
                WHERE recipient_id = ? AND type <> ? AND delivered_at IS NULL AND dead_at IS NULL""", userId, ACCOUNT_DELETED);
        for (String destination : new String[] {TO_KEYCLOAK, TO_NOTIFY}) {
            db.update(
                    """
                    INSERT INTO outbox_event (idempotency_key, type, recipient_id, title, body, data, traceparent, destination)
                    VALUES (?, ?, ?, '', '', '{}', ?, ?)
                    ON CONFLICT (idempotency_key) DO NOTHING""",
                    accountDeletedKey(userId, destination),
                    ACCOUNT_DELETED,
                    userId,
                    TraceParents.current(),
                    destination);
        }
    }

    public static String accountDeletedKey(String userId, String destination) {
        return "account-deleted:" + destination + ":" + userId;
    }

    /** Marks a row delivered by its key (a delivery made right away, outside the relay); false if already done. */
    public boolean deliveredByKey(String idempotencyKey) {
        return db.update(
                        "UPDATE outbox_event SET delivered_at = now() WHERE idempotency_key = ? AND delivered_at IS NULL",
                        idempotencyKey)
                == 1;
    }

    private static String clip(String s, int max) {
        return TextRules.abbreviate(s, max);
    }

    public List<Due> claim(int limit, Duration lease) {
        return outbox.claim(limit, lease, COLUMNS, this::due);
    }

    /**
     * The writes below change a row only while the claim that returned {@code e} still holds it (see {@link
     * Outbox}): a relay whose send outlived its lease leaves the row to the claim that took it over.
     */
    public void delivered(Due e) {
        outbox.delivered(e.id(), e.attempts());
    }

    /** Several sent, marked in one statement. */
    public void delivered(List<Due> delivered) {
        outbox.delivered(
                delivered.stream().mapToLong(Due::id).toArray(),
                delivered.stream().mapToInt(Due::attempts).toArray());
    }

    public void dead(Due e, String error) {
        outbox.dead(e.id(), e.attempts(), error);
    }

    public void retry(Due e, String error, Backoff backoff) {
        outbox.retry(e.id(), e.attempts(), error, backoff, null);
    }

    public int purge(Duration retention) {
        return outbox.purge(retention);
    }

    private Due due(Row r) throws SQLException {
        String type = r.string("type");
        EventType known = knownType(type);
        String key = r.string("idempotency_key");
        String recipient = r.string("recipient_id");
        InternalEvent event = known == null
                ? null
                : new InternalEvent(
                        key, known, recipient, r.string("title"), r.string("body"), parse(r.string("data")));
        return new Due(
                r.getLong("id"),
                r.getInt("attempts"),
                key,
                type,
                recipient,
                event,
                r.string("traceparent"),
                r.string("destination"));
    }

    private static EventType knownType(String type) {
        try {
            return EventType.valueOf(type);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Map<String, Object> parse(String data) {
        try {
            return json.readValue(data, DATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox data is not JSON", e);
        }
    }
}
