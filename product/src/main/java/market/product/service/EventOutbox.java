package market.product.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Map;
import market.common.events.EventType;
import market.common.text.TextRules;
import market.common.tracing.TraceParents;

/**
 * Writes notification events into the outbox table inside the caller's transaction: the event exists
 * exactly when the change that caused it was committed. {@link OutboxRelay} delivers them to notify, continuing
 * the trace of the request stored with the event.
 */
@ApplicationScoped
public class EventOutbox {

    private final EntityManager em;
    private final ObjectMapper json;

    public EventOutbox(EntityManager em, ObjectMapper json) {
        this.em = em;
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
        em.createNativeQuery("""
                INSERT INTO outbox_event (idempotency_key, type, recipient_id, title, body, data, traceparent)
                VALUES (:key, :type, :recipient, :title, :body, CAST(:data AS jsonb), :traceparent)
                ON CONFLICT (idempotency_key) DO NOTHING""")
                .setParameter("key", idempotencyKey)
                .setParameter("type", type.name())
                .setParameter("recipient", recipientId)
                .setParameter("title", clip(title, 200))
                .setParameter("body", clip(body, 1000))
                .setParameter("data", payload)
                .setParameter("traceparent", TraceParents.current())
                .executeUpdate();
    }

    private static String clip(String s, int max) {
        return TextRules.abbreviate(s, max);
    }
}
