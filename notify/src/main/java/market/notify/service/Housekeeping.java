package market.notify.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
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

    private final EntityManager em;
    private final Clock clock;

    public Housekeeping(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        QuarkusTransaction.requiringNew().run(() -> {
            int pushes = em.createNativeQuery("DELETE FROM push_outbox WHERE status <> 'PENDING' AND done_at < ?1")
                    .setParameter(1, clock.instant().minus(FINISHED_PUSHES).atOffset(ZoneOffset.UTC))
                    .executeUpdate();
            int keys = em.createNativeQuery("DELETE FROM inbound_event WHERE received_at < ?1")
                    .setParameter(1, clock.instant().minus(IDEMPOTENCY_KEYS).atOffset(ZoneOffset.UTC))
                    .executeUpdate();
            if (pushes + keys > 0) {
                LOG.infof("Purged %d finished push(es) and %d old idempotency key(s)", pushes, keys);
            }
        });
    }
}
