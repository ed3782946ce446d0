package market.notify.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import market.notify.domain.InboxItem;
import market.notify.storage.InboxStore;
import market.notify.storage.InboxStore.Position;
import org.jboss.logging.Logger;

/**
 * Live inbox streams of this instance. A stream remembers the last id it sent; when woken (a commit added
 * items for its user, or a broadcast) it reads what came after from the database and emits it in order.
 * Reading from the database instead of pushing items in memory means a reconnect with Last-Event-ID and a
 * wake-up from elsewhere (another replica through {@link InboxFanout}, a notice) take the same path and
 * nothing is skipped.
 *
 * <p>Woken streams are drained together: one drain loop at a time takes every stream woken so far (up to
 * {@link #STREAMS_PER_QUERY}) and reads what all of them need in one query ({@link InboxStore#itemsAfter}),
 * so a notice that wakes 10,000 streams costs a few queries, not 10,000. Since only that loop reads and
 * emits, a stream is never drained twice at once and its items go out in id order.
 *
 * <p>A broadcast's wake-ups wait in their own queue and are drained {@link #BROADCAST_SLICE} streams at a
 * time, with every personal wake-up (a commit or announcement for one user, a new stream) drained before the
 * next slice: a chat message's notification does not wait behind a notice going out to 10,000 streams. A
 * stream woken both ways is read twice at most; the second read finds nothing new (it reads after its last id).
 * The items of one read are handed to its streams by several threads at once when there are many (a broadcast's
 * slice), each stream by one of them; the next read waits until all are done.
 */
@ApplicationScoped
public class InboxStreams {

    private static final Logger LOG = Logger.getLogger(InboxStreams.class);

    /** Items per stream per read; a stream that got this many is read again. */
    static final int BATCH = 100;

    /** Streams read by one query. */
    static final int STREAMS_PER_QUERY = 2_000;

    /** Streams of a broadcast drained before personal wake-ups are looked at again. */
    static final int BROADCAST_SLICE = 500;

    /** Threads handing a read's items to its streams, each with at least {@link #EMIT_PART} streams. */
    static final int EMITTERS = Math.max(2, Runtime.getRuntime().availableProcessors());

    static final int EMIT_PART = 200;

    private final InboxService inbox;
    private final Map<String, Set<Stream>> byUser = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Stream> woken = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Stream> broadcast = new ConcurrentLinkedQueue<>();
    private final AtomicInteger drainWip = new AtomicInteger();
    private final Timer delay;
    private final Timer reads;

    public InboxStreams(InboxService inbox, MeterRegistry metrics) {
        this.inbox = inbox;
        this.delay = Timer.builder("notify.inbox.stream.delay")
                .description("From the wake-up of a stream (a commit here, an announcement from elsewhere) to its new"
                        + " items handed to the stream")
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
        this.reads = Timer.builder("notify.inbox.stream.reads")
                .description("One read of what many woken streams need")
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
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
                            wake(s);
                        },
                        BackPressureStrategy.BUFFER);
    }

    public double openStreams() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }

    /** The users with an open stream here. */
    public Set<String> users() {
        return byUser.keySet();
    }

    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) InboxChanged event) {
        if (event.everyone()) {
            wakeAll();
        } else {
            event.userIds().forEach(this::wake);
        }
    }

    /** Wakes every stream here for a broadcast (behind personal wake-ups, see the class). */
    public void wakeAll() {
        byUser.values().forEach(set -> set.forEach(this::wakeForBroadcast));
    }

    /** Wakes the streams of one user (also the hook for changes made by other replicas). */
    public void wake(String userId) {
        Set<Stream> set = byUser.get(userId);
        if (set != null) {
            set.forEach(this::wake);
        }
    }

    private void wake(Stream s) {
        if (s.queued.compareAndSet(false, true)) {
            s.wokenAt = System.nanoTime();
            woken.add(s);
            startDrain();
        }
    }

    private void wakeForBroadcast(Stream s) {
        if (s.broadcastQueued.compareAndSet(false, true)) {
            s.broadcastAt = System.nanoTime();
            broadcast.add(s);
            startDrain();
        }
    }

    private void startDrain() {
        if (drainWip.getAndIncrement() == 0) {
            Infrastructure.getDefaultWorkerPool().execute(this::drainLoop);
        }
    }

    private void remove(Stream s) {
        byUser.computeIfPresent(s.userId, (k, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * The one drain loop: runs until no stream is left woken; wake-ups meanwhile make it go round again. Every
     * personal wake-up is served before each slice of a broadcast.
     */
    private void drainLoop() {
        int missed = drainWip.get();
        while (true) {
            boolean broadcastLeft;
            do {
                drainQueued(woken, false, Integer.MAX_VALUE);
                broadcastLeft = drainQueued(broadcast, true, BROADCAST_SLICE);
            } while (broadcastLeft);
            missed = drainWip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** Drains up to {@code max} streams of the queue; whether it took any. */
    private boolean drainQueued(ConcurrentLinkedQueue<Stream> queue, boolean forBroadcast, int max) {
        List<Stream> batch = new ArrayList<>();
        int taken = 0;
        Stream s;
        while (taken < max && (s = queue.poll()) != null) {
            taken++;
            // From here a wake-up queues the stream again: whatever it announces the read below may miss.
            if (forBroadcast) {
                s.readFor = s.broadcastAt;
                s.broadcastQueued.set(false);
            } else {
                s.readFor = s.wokenAt;
                s.queued.set(false);
            }
            if (!s.emitter.isCancelled()) {
                batch.add(s);
            }
            if (batch.size() == STREAMS_PER_QUERY) {
                drainSafely(batch);
                batch = new ArrayList<>();
            }
        }
        drainSafely(batch);
        return taken > 0;
    }

    /**
     * Whatever goes wrong in one read (a bug, the pool refusing the retry at shutdown) must not leave the loop
     * counted as running, or no stream of this replica would be read again: it is logged, and those streams are read
     * at their next wake-up or the catch-up poll.
     */
    private void drainSafely(List<Stream> batch) {
        try {
            drain(batch);
        } catch (Throwable e) {
            LOG.errorf(
                    e,
                    "Inbox streams: a read for %d stream(s) failed; they are read at the next wake-up",
                    batch.size());
        }
    }

    private void drain(List<Stream> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Set<Position> positions = new LinkedHashSet<>();
        for (Stream s : batch) {
            positions.add(new Position(s.userId, s.lastId));
        }
        Map<Position, List<InboxItem>> items;
        try {
            long t = System.nanoTime();
            items = inbox.after(List.copyOf(positions), BATCH);
            reads.record(System.nanoTime() - t, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            // The streams stay open and are read again shortly; nothing they would have got is skipped.
            LOG.warnf("Inbox streams could not read (%s); %d stream(s) retried in 1 s", e.getMessage(), batch.size());
            Infrastructure.getDefaultWorkerPool().schedule(() -> batch.forEach(this::wake), 1, TimeUnit.SECONDS);
            return;
        }
        emitAll(batch, items);
    }

    /**
     * Hands every stream of the batch its items: a large batch (a broadcast's slice) in {@link #EMITTERS} parts at
     * once on the worker pool, this thread taking the first; returns when all are done, so no stream is in two
     * drains at once.
     */
    private void emitAll(List<Stream> batch, Map<Position, List<InboxItem>> items) {
        int parts = Math.min(EMITTERS, batch.size() / EMIT_PART);
        if (parts <= 1) {
            emit(batch, items);
            return;
        }
        int size = (batch.size() + parts - 1) / parts;
        // Parts are claimed: this thread takes whatever no pool thread has started yet, so a busy pool slows the
        // hand-over down to one thread at worst, never stalls it; it waits only for parts already under way.
        AtomicInteger next = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(parts);
        Runnable worker = () -> {
            int p;
            while ((p = next.getAndIncrement()) < parts) {
                List<Stream> part =
                        batch.subList(Math.min(batch.size(), p * size), Math.min(batch.size(), (p + 1) * size));
                try {
                    emit(part, items);
                } catch (Throwable e) {
                    LOG.errorf(e, "Inbox streams: handing items to %d stream(s) failed", part.size());
                } finally {
                    finished.countDown();
                }
            }
        };
        for (int i = 1; i < parts; i++) {
            try {
                Infrastructure.getDefaultWorkerPool().execute(worker);
            } catch (RejectedExecutionException e) {
                break; // the pool refused (shutting down): this thread does the rest
            }
        }
        worker.run();
        boolean interrupted = false;
        while (true) {
            try {
                finished.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void emit(List<Stream> streams, Map<Position, List<InboxItem>> items) {
        for (Stream s : streams) {
            List<InboxItem> mine = items.get(new Position(s.userId, s.lastId));
            if (mine == null) {
                continue;
            }
            try {
                for (InboxItem item : mine) {
                    s.emitter.emit(item);
                    s.lastId = item.id();
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Inbox stream of %s failed; the client reconnects with Last-Event-ID", s.userId);
                s.emitter.fail(e);
                continue;
            }
            delay.record(System.nanoTime() - s.readFor, TimeUnit.NANOSECONDS);
            if (mine.size() == BATCH) {
                wake(s); // more to read
            }
        }
    }

    private static final class Stream {
        final String userId;
        final MultiEmitter<? super InboxItem> emitter;
        final AtomicBoolean queued = new AtomicBoolean();
        final AtomicBoolean broadcastQueued = new AtomicBoolean();
        /** When it was queued (personal, broadcast), and (drain loop only) for the read under way. */
        volatile long wokenAt;

        volatile long broadcastAt;

        long readFor;
        /** Written only by the drain loop (one at a time). */
        volatile long lastId;

        Stream(String userId, long lastId, MultiEmitter<? super InboxItem> emitter) {
            this.userId = userId;
            this.lastId = lastId;
            this.emitter = emitter;
        }
    }
}
