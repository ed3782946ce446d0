package market.chat.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import market.chat.client.ChatCounter;
import market.chat.config.ChatConfig;
import market.chat.storage.RoomStore;
import org.jboss.logging.Logger;

/**
 * Every room reaches product at least once: reported when it opens, and a room product has not acknowledged
 * (it was down) is sent again by a sweep on every replica (product's side is idempotent per room).
 */
@ApplicationScoped
public class RoomReports {

    private static final Logger LOG = Logger.getLogger(RoomReports.class);
    private static final int BATCH = 100;

    private final RoomStore rooms;
    private final ChatCounter counter;
    private final ChatConfig config;

    public RoomReports(RoomStore rooms, ChatCounter counter, ChatConfig config) {
        this.rooms = rooms;
        this.counter = counter;
        this.config = config;
    }

    /** A new room: report it now, off the request path. */
    public void opened(long productId, long roomId, String buyerId) {
        counter.roomOpened(productId, roomId, buyerId).thenAccept(ok -> {
            if (ok) {
                rooms.markReported(roomId);
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
        List<RoomStore.Unreported> rows = rooms.unreported(BATCH, config.roomReportAfter());
        for (RoomStore.Unreported row : rows) {
            boolean ok = counter.roomOpened(row.productId(), row.roomId(), row.buyerId())
                    .toCompletableFuture()
                    .join();
            if (!ok) {
                return 0;
            }
            rooms.markReported(row.roomId());
        }
        if (!rows.isEmpty()) {
            LOG.infof("Reported %d room(s) product had not acknowledged", rows.size());
        }
        return rows.size();
    }
}
