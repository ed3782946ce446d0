package market.product.service;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import market.common.db.DataAccessException;
import market.common.outbox.Backoff;
import market.common.outbox.Drain;
import market.common.tracing.TraceParents;
import market.product.client.DeliveryRefused;
import market.product.client.KeycloakUsers;
import market.product.client.NotifyClient;
import market.product.config.OutboxConfig;
import market.product.storage.OutboxStore;
import market.product.storage.OutboxStore.Due;
import org.jboss.logging.Logger;

/**
 * Delivers outbox events to notify through the common outbox ({@link market.common.outbox.Outbox}): a round
 * claims due events (hidden from other replicas for a lease), sends each, marks it delivered on success and, on
 * failure, schedules the next attempt with exponential backoff (never giving up: notify may be down for long).
 * Nothing is lost while notify is down; notify drops repeats by the idempotency key, so a crash (or a timeout)
 * between sending and marking can only cause a harmless resend. An event notify refuses for good
 * ({@link DeliveryRefused}: 400/413/415/422) is dead-lettered: marked {@code dead_at} with the refusal in
 * {@code last_error}, logged as an error and never sent again. Rounds follow each other while they come back
 * full, so a burst drains at once instead of one batch per tick. Delivered and dead rows are purged after
 * {@link OutboxConfig#retention()}.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxStore events;
    private final NotifyClient notify;
    private final KeycloakUsers keycloak;
    private final OutboxConfig config;
    private final Tracer tracer;
    private final Backoff backoff;
    private final Drain drain;

    public OutboxRelay(
            OutboxStore events, NotifyClient notify, KeycloakUsers keycloak, OutboxConfig config, Tracer tracer) {
        this.events = events;
        this.notify = notify;
        this.keycloak = keycloak;
        this.config = config;
        this.tracer = tracer;
        this.backoff = new Backoff(config.backoffBase(), config.backoffMax(), 0);
        this.drain = new Drain("Outbox relay", this::round, config.batchSize());
    }

    @Scheduled(every = "${market.outbox.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            events.purge(config.retention());
        } catch (DataAccessException e) {
            LOG.warnf("Outbox relay could not reach the database: %s", e.toString());
            return;
        }
        drain.drain();
    }

    void onStop(@Observes ShutdownEvent event) {
        drain.stop();
    }

    /** Sends one batch of due events; returns how many it claimed. */
    int round() {
        List<Due> batch = events.claim(config.batchSize(), config.lease());
        int failed = 0;
        String lastError = null;
        for (Due e : batch) {
            if (drain.stopping()) {
                break;
            }
            if (e.event() == null && !e.accountDeleted()) {
                deadLetter(e, "unknown event type " + e.type());
                continue;
            }
            // Each delivery continues the trace of the request that stored the event; the REST client's span
            // (and its traceparent header to notify) is a child of this one.
            Span span = TraceParents.continuing(tracer, "outbox deliver " + e.type(), e.traceparent())
                    .setAttribute("market.outbox.event_id", e.id())
                    .setAttribute("market.outbox.attempt", (long) e.attempts())
                    .startSpan();
            try (Scope ignored = span.makeCurrent()) {
                deliver(e);
                events.delivered(e);
            } catch (DeliveryRefused x) {
                span.setStatus(StatusCode.ERROR, "refused");
                deadLetter(e, x.getMessage());
            } catch (RuntimeException x) {
                span.setStatus(StatusCode.ERROR, "not delivered, retried later");
                span.recordException(x);
                failed++;
                lastError = x.toString();
                reschedule(e, lastError);
            } finally {
                span.end();
            }
        }
        if (failed > 0) {
            LOG.warnf("%d outbox event(s) not delivered; they stay in the outbox for retry (%s)", failed, lastError);
            // A peer is away: wait for the next tick rather than spinning through the rest of the backlog.
            return 0;
        }
        return batch.size();
    }

    /**
     * A notification goes to notify's /internal/events; ACCOUNT_DELETED (탈퇴) to its destination: Keycloak deletes
     * the user (404 = already gone), notify deletes the account's devices, settings and inbox. chat is not called:
     * it reads the deleted accounts from product ({@code GET /internal/accounts/deleted}).
     */
    private void deliver(Due e) {
        if (!e.accountDeleted()) {
            notify.send(e.event());
        } else if (OutboxStore.TO_KEYCLOAK.equals(e.destination())) {
            keycloak.delete(e.recipientId());
        } else {
            notify.accountDeleted(e.recipientId());
        }
    }

    private void deadLetter(Due e, String error) {
        LOG.errorf(
                "Outbox event %s (%s for %s) refused and set aside, not retried: %s",
                e.idempotencyKey(), e.type(), e.recipientId(), error);
        try {
            events.dead(e, error);
        } catch (DataAccessException x) {
            // The lease expires; the next run meets the same refusal and tries again to set it aside.
            LOG.warnf("Could not dead-letter outbox event %d: %s", e.id(), x.toString());
        }
    }

    private void reschedule(Due e, String error) {
        try {
            events.retry(e, error, backoff);
        } catch (DataAccessException x) {
            // The lease still expires, so the event is retried anyway.
            LOG.warnf("Could not reschedule outbox event %d: %s", e.id(), x.toString());
        }
    }
}
