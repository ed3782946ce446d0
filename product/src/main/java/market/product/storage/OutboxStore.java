package market.product.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import market.common.db.Db;
import market.common.events.EventType;
import market.common.text.TextRules;
import market.common.tracing.TraceParents;

/**
 * Writes notification events into the outbox table inside the caller's transaction: the event exists
 * exactly when the change that caused it was committed. {@code OutboxRelay} delivers them to notify, continuing
 * the trace of the request stored with the event.
 */
@ApplicationScoped
public class OutboxStore {

    private final Db db;
    private final ObjectMapper json;

    public OutboxStore(Db db, ObjectMapper json) {
        this.db = db;
        this.json = json;
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

    private static String clip(String s, int max) {
        return TextRules.abbreviate(s, max);
    }
}
