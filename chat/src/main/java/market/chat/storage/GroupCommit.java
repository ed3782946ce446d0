package market.chat.storage;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import market.chat.config.ChatConfig;
import market.common.api.ApiException;
import market.common.db.StorageFailures;
import org.jboss.logging.Logger;

/**
 * Group commit of chat messages: the TEXT and APPOINTMENT messages sent to any room on this replica are written by
 * one thread, many in one PostgreSQL transaction ({@link MessageStore#appendAll}): whatever was offered while the
 * previous batch committed (plus {@code market.chat.group-commit.linger}) goes into the next one, up to
 * {@code max-batch}. Each send waits for its own batch's commit, so an ack still means committed. Within a room,
 * messages are stored in the order they were offered here.
 *
 * <p>A batch that fails because PostgreSQL is unavailable fails every send in it (nothing of it is stored; the
 * senders resend with the same clientMsgId, which is never stored twice). A batch that fails for any other reason
 * (one message's value refused, a deadlock) is rolled back and its messages are written one by one, so each gets
 * its own outcome and one bad message does not fail the others. A committed batch is never written again: what
 * fails after its commit (reading a resend's first message) fails that send alone. The queue is bounded: when it
 * stays full for {@code queue-wait}, the send answers 503 (resend shortly) instead of queueing without limit.
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    private static final class Pending {
        final MessageStore.NewMessage message;
        final CompletableFuture<Optional<MessageStore.Appended>> done = new CompletableFuture<>();
        final long offered = System.nanoTime();
        /** When its batch committed (set before done completes). */
        volatile long committed;

        Pending(MessageStore.NewMessage message) {
            this.message = message;
        }

        MessageStore.NewMessage message() {
            return message;
        }

        CompletableFuture<Optional<MessageStore.Appended>> done() {
            return done;
        }
    }

    private final MessageStore store;
    private final SendStages stages;
    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final long lingerNanos;
    private final long queueWaitNanos;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private volatile boolean running;
    private Thread writer;

    public GroupCommit(MessageStore store, ChatConfig config, SendStages stages) {
        this.store = store;
        this.stages = stages;
        this.queue = new ArrayBlockingQueue<>(config.groupCommit().queueSize());
        this.maxBatch = config.groupCommit().maxBatch();
        this.lingerNanos = config.groupCommit().linger().toNanos();
        this.queueWaitNanos = config.groupCommit().queueWait().toNanos();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        writer = new Thread(this::run, "chat-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (writer != null) {
            writer.interrupt();
            writer.join(5_000);
        }
        // whatever is still queued is answered, never left waiting
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.done().completeExceptionally(unavailable()));
    }

    /**
     * Stores a message with the others offered meanwhile and returns its outcome (as {@link MessageStore#append})
     * once its batch has committed. Blocking.
     */
    public Optional<MessageStore.Appended> append(MessageStore.NewMessage message) {
        Pending p = new Pending(message);
        try {
            if (!running || !queue.offer(p, queueWaitNanos, TimeUnit.NANOSECONDS)) {
                throw unavailable();
            }
            Optional<MessageStore.Appended> appended = p.done().get();
            stages.record(SendStages.Stage.HANDOFF, System.nanoTime() - p.committed);
            return appended;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Transactions committed and messages written through them since start (for logs and the bench). */
    public long[] counts() {
        return new long[] {batches.get(), messages.get()};
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                batch.add(queue.take());
                if (lingerNanos > 0) {
                    LockSupport.parkNanos(lingerNanos);
                }
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    batch.forEach(p -> p.done().completeExceptionally(unavailable()));
                    return;
                }
            } catch (RuntimeException | Error e) {
                LOG.error("Group commit failed unexpectedly", e);
                batch.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /** Writes one batch and completes each of its sends. Package-private for tests. */
    void write(List<Pending> batch) {
        List<MessageStore.NewMessage> messages =
                batch.stream().map(Pending::message).toList();
        List<MessageStore.Outcome> out;
        long start = System.nanoTime();
        try {
            out = store.appendAll(messages);
        } catch (RuntimeException e) {
            if (batch.size() == 1 || StorageFailures.isUnavailable(e)) {
                batch.forEach(p -> p.done().completeExceptionally(e));
                return;
            }
            LOG.debugf("A batch of %d messages failed (%s); writing them one by one", batch.size(), e.getMessage());
            batch.forEach(this::writeAlone);
            return;
        }
        batches.incrementAndGet();
        this.messages.addAndGet(batch.size());
        long end = System.nanoTime();
        for (Pending p : batch) {
            stages.record(SendStages.Stage.QUEUED, start - p.offered);
            stages.record(SendStages.Stage.STATEMENT, end - start);
            p.committed = end;
        }
        // committed: each send gets its own outcome; the batch is never written again
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), out.get(i));
        }
    }

    private static void complete(Pending p, MessageStore.Outcome outcome) {
        if (outcome.failure() != null) {
            p.done().completeExceptionally(outcome.failure());
        } else {
            p.done().complete(outcome.appended());
        }
    }

    /**
     * Writes these messages as one batch, on the caller's thread, beside the queue (for tests: messages that must
     * share one transaction); each outcome in order, or its failure.
     */
    public List<CompletableFuture<Optional<MessageStore.Appended>>> writeTogether(
            List<MessageStore.NewMessage> messages) {
        List<Pending> batch = messages.stream().map(Pending::new).toList();
        write(batch);
        return batch.stream().map(Pending::done).toList();
    }

    private void writeAlone(Pending p) {
        try {
            MessageStore.Outcome outcome = store.appendAll(List.of(p.message())).get(0);
            p.committed = System.nanoTime();
            complete(p, outcome);
            batches.incrementAndGet();
            messages.incrementAndGet();
        } catch (RuntimeException e) {
            p.done().completeExceptionally(e);
        }
    }

    private static ApiException unavailable() {
        return ApiException.unavailable("Chat storage is busy; resend the message shortly", 1);
    }
}
