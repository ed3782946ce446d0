package market.product.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import market.common.events.EventType;
import market.common.events.InternalEvent;
import market.common.tracing.TraceParents;
import market.product.client.NotifyClient;
import market.product.client.NotifyRejected;
import market.product.config.OutboxConfig;
import org.jboss.logging.Logger;

/**
 * Delivers outbox events to notify. A run claims due events (hiding them from other replicas for a lease),
 * sends each, marks it delivered on success and, on failure, schedules the next attempt with exponential
 * backoff. Nothing is lost while notify is down; notify drops repeats by the idempotency key, so a crash
 * (or a timeout) between sending and marking can only cause a harmless resend. An event notify refuses for
 * good ({@link NotifyRejected}: 400/413/415/422) is dead-lettered: marked {@code dead_at} with the refusal
 * in {@code last_error}, logged as an error and never sent again, so it cannot be retried forever.
 * Delivered and dead rows are purged after {@link OutboxConfig#retention()}.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final AgroalDataSource db;
    private final NotifyClient notify;
    private final OutboxConfig config;
    private final ObjectMapper json;
    private final Tracer tracer;

    public OutboxRelay(
            AgroalDataSource db, NotifyClient notify, OutboxConfig config, ObjectMapper json, Tracer tracer) {
        this.db = db;
        this.notify = notify;
        this.config = config;
        this.json = json;
        this.tracer = tracer;
    }

    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {};

    /** {@code event} is null when the stored type is none notify knows; such an event is set aside unsent. */
    private record Claimed(
            long id,
            int attempts,
            String idempotencyKey,
            String type,
            String recipientId,
            InternalEvent event,
            String traceparent) {}

    @Scheduled(every = "${market.outbox.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            deliverDue();
        } catch (SQLException e) {
            LOG.warnf("Outbox relay could not reach the database: %s", e.toString());
        }
    }

    /** Sends every due event once; returns how many notify accepted. */
    public int deliverDue() throws SQLException {
        execute(
                "DELETE FROM outbox_event WHERE coalesce(delivered_at, dead_at) < now() - make_interval(secs => CAST(? AS double precision))",
                config.retention().toSeconds());
        List<Claimed> batch = claim();
        int delivered = 0;
        int failed = 0;
        String lastError = null;
        for (Claimed c : batch) {
            if (c.event() == null) {
                deadLetter(c, "unknown event type " + c.type());
                continue;
            }
            // Each delivery continues the trace of the request that stored the event; the REST client's span
            // (and its traceparent header to notify) is a child of this one.
            Span span = TraceParents.continuing(tracer, "outbox deliver " + c.type(), c.traceparent())
                    .setAttribute("market.outbox.event_id", c.id())
                    .setAttribute("market.outbox.attempt", c.attempts() + 1L)
                    .startSpan();
            try (Scope ignored = span.makeCurrent()) {
                notify.send(c.event());
                execute("UPDATE outbox_event SET delivered_at = now() WHERE id = ?", c.id());
                delivered++;
            } catch (NotifyRejected e) {
                span.setStatus(StatusCode.ERROR, "refused by notify");
                deadLetter(c, e.getMessage());
            } catch (RuntimeException e) {
                span.setStatus(StatusCode.ERROR, "not delivered, retried later");
                span.recordException(e);
                failed++;
                lastError = e.toString();
                reschedule(c, lastError);
            } finally {
                span.end();
            }
        }
        if (failed > 0) {
            LOG.warnf("notify did not accept %d event(s); they stay in the outbox for retry (%s)", failed, lastError);
        }
        return delivered;
    }

    private List<Claimed> claim() throws SQLException {
        List<Claimed> out = new ArrayList<>();
        try (Connection con = db.getConnection();
                PreparedStatement ps = con.prepareStatement("""
                        UPDATE outbox_event SET next_attempt_at = now() + make_interval(secs => ?)
                        WHERE id IN (SELECT id FROM outbox_event WHERE delivered_at IS NULL AND dead_at IS NULL
                                     AND next_attempt_at <= now()
                                     ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING id, attempts, idempotency_key, type, recipient_id, title, body, data::text, traceparent""")) {
            ps.setDouble(1, config.lease().toMillis() / 1000.0);
            ps.setInt(2, config.batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(3);
                    String type = rs.getString(4);
                    String recipient = rs.getString(5);
                    EventType known = knownType(type);
                    InternalEvent event = known == null
                            ? null
                            : new InternalEvent(
                                    key, known, recipient, rs.getString(6), rs.getString(7), parse(rs.getString(8)));
                    out.add(new Claimed(rs.getLong(1), rs.getInt(2), key, type, recipient, event, rs.getString(9)));
                }
            }
        }
        out.sort((a, b) -> Long.compare(a.id(), b.id()));
        return out;
    }

    private void deadLetter(Claimed c, String error) {
        LOG.errorf(
                "Outbox event %s (%s for %s) refused by notify and set aside, not retried: %s",
                c.idempotencyKey(), c.type(), c.recipientId(), error);
        try (Connection con = db.getConnection();
                PreparedStatement ps = con.prepareStatement(
                        "UPDATE outbox_event SET attempts = attempts + 1, last_error = ?, dead_at = now() WHERE id = ?")) {
            ps.setString(1, error.length() > 500 ? error.substring(0, 500) : error);
            ps.setLong(2, c.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            // The lease expires; the next run meets the same refusal and tries again to set it aside.
            LOG.warnf("Could not dead-letter outbox event %d: %s", c.id(), e.toString());
        }
    }

    private void reschedule(Claimed c, String error) {
        long base = config.backoffBase().toMillis();
        long wait = Math.min(config.backoffMax().toMillis(), base << Math.min(c.attempts(), 20));
        try (Connection con = db.getConnection();
                PreparedStatement ps = con.prepareStatement("""
                        UPDATE outbox_event SET attempts = attempts + 1, last_error = ?,
                            next_attempt_at = now() + make_interval(secs => ?) WHERE id = ?""")) {
            ps.setString(1, error.length() > 500 ? error.substring(0, 500) : error);
            ps.setDouble(2, wait / 1000.0);
            ps.setLong(3, c.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            // The lease still expires, so the event is retried anyway.
            LOG.warnf("Could not reschedule outbox event %d: %s", c.id(), e.toString());
        }
    }

    private void execute(String sql, long id) throws SQLException {
        try (Connection con = db.getConnection();
                PreparedStatement ps = con.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
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
