package market.product.service;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
 * {@code last_error}, logged as an error and never sent again. A round sends its events {@code concurrency} at
 * a time (so one slow call does not hold up the rest; events for one recipient may arrive out of order) and
 * marks the delivered ones in one statement; rounds follow each other while they come back full, so a burst
 * drains at once instead of one batch per tick. Delivered and dead rows are purged after
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
    private final ExecutorService senders;

    public OutboxRelay(
            OutboxStore events, NotifyClient notify, KeycloakUsers keycloak, OutboxConfig config, Tracer tracer) {
        this.events = events;
        this.notify = notify;
        this.keycloak = keycloak;
        this.config = config;
        this.tracer = tracer;
        this.backoff = new Backoff(config.backoffBase(), config.backoffMax(), 0);
        this.drain = new Drain("Outbox relay", this::round, config.batchSize());
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(Math.max(1, config.concurrency()), r -> {
            Thread t = new Thread(r, "outbox-relay-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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
        senders.shutdown();
    }

    /**
     * Sends one batch of due events, up to {@code concurrency} at a time, and marks the delivered ones in one
     * statement; returns how many it claimed (0 after a failure: a peer is away, wait for the next tick rather
     * than spinning through the rest of the backlog).
     */
    int round() {
        List<Due> batch = events.claim(config.batchSize(), config.lease());
        List<Future<Outcome>> sends = new ArrayList<>(batch.size());
        for (Due e : batch) {
            if (drain.stopping()) {
                break;
            }
            sends.add(senders.submit(() -> attempt(e)));
        }
        List<Due> delivered = new ArrayList<>(batch.size());
        int failed = 0;
        String lastError = null;
        for (int i = 0; i < sends.size(); i++) {
            Outcome o;
            try {
                o = sends.get(i).get();
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException x) {
                // attempt() handles its own failures; the lease brings this event back
                LOG.warnf("Outbox event %d: %s", batch.get(i).id(), x.getCause());
                continue;
            }
            if (o.delivered()) {
                delivered.add(batch.get(i));
            } else if (o.error() != null) {
                failed++;
                lastError = o.error();
            }
        }
        try {
            events.delivered(delivered);
        } catch (DataAccessException x) {
            // Not marked: the leases expire and notify drops the repeats by their idempotency keys.
            LOG.warnf("Could not mark %d delivered outbox event(s): %s", delivered.size(), x.toString());
        }
        if (failed > 0) {
            LOG.warnf("%d outbox event(s) not delivered; they stay in the outbox for retry (%s)", failed, lastError);
            return 0;
        }
        return batch.size();
    }

    /** Delivered (to be marked), set aside or rescheduled (error: retried later). */
    private record Outcome(boolean delivered, String error) {}

    private Outcome attempt(Due e) {
        if (e.event() == null && !e.accountDeleted()) {
            deadLetter(e, "unknown event type " + e.type());
            return new Outcome(false, null);
        }
        // Each delivery continues the trace of the request that stored the event; the REST client's span
        // (and its traceparent header to notify) is a child of this one.
        Span span = TraceParents.continuing(tracer, "outbox deliver " + e.type(), e.traceparent())
                .setAttribute("market.outbox.event_id", e.id())
                .setAttribute("market.outbox.attempt", (long) e.attempts())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            deliver(e);
            return new Outcome(true, null);
        } catch (DeliveryRefused x) {
            span.setStatus(StatusCode.ERROR, "refused");
            deadLetter(e, x.getMessage());
            return new Outcome(false, null);
        } catch (RuntimeException x) {
            span.setStatus(StatusCode.ERROR, "not delivered, retried later");
            span.recordException(x);
            reschedule(e, x.toString());
            return new Outcome(false, x.toString());
        } finally {
            span.end();
        }
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
