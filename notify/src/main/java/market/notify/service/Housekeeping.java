package market.notify.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import market.notify.storage.InboundEventStore;
import market.notify.storage.PushOutboxStore;
import org.jboss.logging.Logger;

/**
 * Keeps the delivery tables small: finished pushes are kept a week (for support questions), idempotency
 * keys 30 days (far longer than any producer's outbox retries).
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);
    private static final Duration FINISHED_PUSHES = Duration.ofDays(7);
    private static final Duration IDEMPOTENCY_KEYS = Duration.ofDays(30);

    private final PushOutboxStore outbox;
    private final InboundEventStore events;
    private final Clock clock;

    public Housekeeping(PushOutboxStore outbox, InboundEventStore events, Clock clock) {
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        QuarkusTransaction.requiringNew().run(() -> {
            int pushes = outbox.purgeFinished(FINISHED_PUSHES);
            int keys = events.purge(clock.instant().minus(IDEMPOTENCY_KEYS).atOffset(ZoneOffset.UTC));
            if (pushes + keys > 0) {
                LOG.infof("Purged %d finished push(es) and %d old idempotency key(s)", pushes, keys);
            }
        });
    }
}
