package market.common.outbox;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.jboss.logging.Logger;

/**
 * Runs a relay's rounds until nothing is due: one drain at a time per instance; a wake-up during a drain
 * (a timer tick, a commit that added rows) makes it go round once more instead of starting a second one. A
 * round that returned a full batch means more may be waiting, so the drain continues at once rather than at
 * the next tick. {@link #stop()} (on shutdown) ends it after the current round; what is left stays in the
 * outbox.
 */
public final class Drain {

    private static final Logger LOG = Logger.getLogger(Drain.class);

    private final String name;
    private final IntSupplier round;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;

    /** {@code round} handles up to {@code batchSize} due rows and returns how many it took. */
    public Drain(String name, IntSupplier round, int batchSize) {
        this.name = name;
        this.round = round;
        this.batchSize = batchSize;
    }

    /** Drains now on this thread, or asks the running drain to go round again. */
    public void drain() {
        if (stopping) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        try {
            boolean more;
            do {
                again.set(false);
                more = round.getAsInt() >= batchSize || again.get();
            } while (more && !stopping);
        } catch (RuntimeException e) {
            if (stopping) {
                LOG.debugf(e, "%s interrupted by shutdown; what is due stays in the outbox", name);
            } else {
                LOG.errorf(e, "%s round failed; it runs again at the next wake-up", name);
            }
        } finally {
            running.set(false);
        }
    }

    public boolean stopping() {
        return stopping;
    }

    public void stop() {
        stopping = true;
    }
}
