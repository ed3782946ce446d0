package market.product.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
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

/** The relay's side of {@code outbox_event}: the common {@link Outbox} over this table, and its rows as events. */
@ApplicationScoped
public class DueEvents {

    /** {@code event} is null when the stored type is none notify knows; such an event is set aside unsent. */
    public record Due(
            long id,
            int attempts,
            String idempotencyKey,
            String type,
            String recipientId,
            InternalEvent event,
            String traceparent) {}

    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {};
    private static final String COLUMNS =
            "id, attempts, idempotency_key, type, recipient_id, title, body, CAST(data AS text) AS data, traceparent";

    private final Outbox outbox;
    private final ObjectMapper json;

    public DueEvents(Db db, ObjectMapper json) {
        this.outbox = new Outbox(
                db, OutboxTable.withTimestamps("outbox_event", "delivered_at", "dead_at"), Clock.systemUTC());
        this.json = json;
    }

    public List<Due> claim(int limit, Duration lease) {
        return outbox.claim(limit, lease, COLUMNS, this::due);
    }

    public void delivered(Due e) {
        outbox.delivered(e.id());
    }

    public void dead(Due e, String error) {
        outbox.dead(e.id(), error);
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
        return new Due(r.getLong("id"), r.getInt("attempts"), key, type, recipient, event, r.string("traceparent"));
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
