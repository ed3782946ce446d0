package market.chat.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import market.chat.client.ChatCounter;
import market.chat.config.ChatConfig;
import org.jboss.logging.Logger;

/**
 * Every room reaches product at least once: reported when it opens, and a room product has not acknowledged
 * (it was down) is sent again by a sweep on every replica (product's side is idempotent per room).
 */
@ApplicationScoped
public class RoomReports {

    private static final Logger LOG = Logger.getLogger(RoomReports.class);
    private static final int BATCH = 100;

    private final EntityManager em;
    private final ChatCounter counter;
    private final ChatConfig config;

    public RoomReports(EntityManager em, ChatCounter counter, ChatConfig config) {
        this.em = em;
        this.counter = counter;
        this.config = config;
    }

    /** A new room: report it now, off the request path. */
    public void opened(long productId, long roomId, String buyerId) {
        counter.roomOpened(productId, roomId, buyerId).thenAccept(ok -> {
            if (ok) {
                markReported(roomId);
            }
        });
    }

    /**
     * Rooms older than a few seconds that product has not acknowledged, batch after batch for up to 20 s a run (so
     * the rooms made before buyers were reported reach product quickly); stops at the first failure (product down).
     */
    @Scheduled(
            every = "${market.chat.room-report-every}",
            delayed = "${market.chat.room-report-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resend() {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        int sent;
        do {
            sent = resendBatch();
        } while (sent == BATCH && System.nanoTime() < until);
    }

    /** One batch: how many rooms product acknowledged (fewer than {@link #BATCH} when done or failing). */
    private int resendBatch() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("""
                SELECT id, product_id, buyer_id FROM chat_room
                WHERE reported_at IS NULL AND created_at < now() - make_interval(secs => ?2)
                ORDER BY id LIMIT ?1""")
                        .setParameter(1, BATCH)
                        .setParameter(2, (double) config.roomReportAfter().toMillis() / 1000)
                        .getResultList());
        for (Object[] row : rows) {
            long roomId = ((Number) row[0]).longValue();
            boolean ok = counter.roomOpened(((Number) row[1]).longValue(), roomId, (String) row[2])
                    .toCompletableFuture()
                    .join();
            if (!ok) {
                return 0;
            }
            markReported(roomId);
        }
        if (!rows.isEmpty()) {
            LOG.infof("Reported %d room(s) product had not acknowledged", rows.size());
        }
        return rows.size();
    }

    private void markReported(long roomId) {
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(
                                "UPDATE chat_room SET reported_at = now() WHERE id = ?1 AND reported_at IS NULL")
                        .setParameter(1, roomId)
                        .executeUpdate());
    }
}
