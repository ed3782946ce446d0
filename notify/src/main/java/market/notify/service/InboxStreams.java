package market.notify.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import market.notify.domain.InboxItem;
import org.jboss.logging.Logger;

/**
 * Live inbox streams of this instance. A stream remembers the last id it sent; when woken (a commit added
 * items for its user, or a broadcast) it reads what came after from the database and emits it in order.
 * Reading from the database instead of pushing items in memory means a reconnect with Last-Event-ID and a
 * wake-up from elsewhere (another replica through {@link InboxFanout}, a notice) take the same path and
 * nothing is skipped.
 */
@ApplicationScoped
public class InboxStreams {

    private static final Logger LOG = Logger.getLogger(InboxStreams.class);
    private static final int BATCH = 100;

    private final InboxService inbox;
    private final Map<String, Set<Stream>> byUser = new ConcurrentHashMap<>();

    public InboxStreams(InboxService inbox, MeterRegistry metrics) {
        this.inbox = inbox;
        Gauge.builder("notify.inbox.streams", this, InboxStreams::openStreams)
                .description("Open inbox event streams on this instance")
                .register(metrics);
    }

    /** Items after {@code lastEventId} (or only new ones when null), then live ones, until cancelled. */
    public Multi<InboxItem> open(String userId, Long lastEventId) {
        long start = lastEventId != null ? lastEventId : inbox.latestId(userId);
        return Multi.createFrom()
                .emitter(
                        emitter -> {
                            Stream s = new Stream(userId, start, emitter);
                            byUser.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet())
                                    .add(s);
                            emitter.onTermination(() -> remove(s));
                            s.wake();
                        },
                        BackPressureStrategy.BUFFER);
    }

    public double openStreams() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }

    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) InboxChanged event) {
        if (event.everyone()) {
            wakeAll();
        } else {
            event.userIds().forEach(this::wake);
        }
    }

    public void wakeAll() {
        byUser.values().forEach(set -> set.forEach(Stream::wake));
    }

    /** Wakes the streams of one user (also the hook for changes made by other replicas). */
    public void wake(String userId) {
        Set<Stream> set = byUser.get(userId);
        if (set != null) {
            set.forEach(Stream::wake);
        }
    }

    private void remove(Stream s) {
        byUser.computeIfPresent(s.userId, (k, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
    }

    private final class Stream {
        final String userId;
        final MultiEmitter<? super InboxItem> emitter;
        final AtomicInteger wip = new AtomicInteger();
        volatile long lastId;

        Stream(String userId, long lastId, MultiEmitter<? super InboxItem> emitter) {
            this.userId = userId;
            this.lastId = lastId;
            this.emitter = emitter;
        }

        void wake() {
            if (wip.getAndIncrement() == 0) {
                Infrastructure.getDefaultWorkerPool().execute(this::drain);
            }
        }

        /** Serialised per stream: wake-ups during a drain make it go round once more. */
        private void drain() {
            int missed = wip.get();
            while (true) {
                try {
                    List<InboxItem> items;
                    do {
                        if (emitter.isCancelled()) {
                            return;
                        }
                        items = inbox.after(userId, lastId, BATCH);
                        for (InboxItem item : items) {
                            emitter.emit(item);
                            lastId = item.id();
                        }
                    } while (items.size() == BATCH);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Inbox stream of %s could not read; the client reconnects with Last-Event-ID", userId);
                    emitter.fail(e);
                    return;
                }
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }
    }
}
