package market.notify.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Arrays;
import market.notify.storage.InboxChannel;
import market.notify.storage.InboxStore;
import org.jboss.logging.Logger;

/**
 * Wakes the inbox streams on every replica: after a transaction added inbox items, their targets are
 * announced on the {@link InboxChannel} (outside that transaction), and each replica listens there and wakes
 * its streams of that user, or all of them for a broadcast.
 *
 * <p>An announcement can be lost (a replica stops right after its commit, PostgreSQL is briefly unreachable,
 * the listener reconnects), so every replica also looks at what was committed lately ({@link #catchUp}, every
 * {@code market.notify.inbox.catch-up-every}) and wakes the streams of those users: a stream then gets its
 * item late, never not at all. Ids are taken before their transactions commit, in any order, so each look
 * covers the ids taken during the last {@link #WINDOW} periods: an item whose transaction takes longer than
 * that to commit is delivered with its user's next item or on reconnect (Last-Event-ID), as before.
 */
@ApplicationScoped
public class InboxFanout {

    /** The target that stands for every user (a broadcast). */
    static final String EVERYONE = "*";

    private static final Logger LOG = Logger.getLogger(InboxFanout.class);

    /** How many catch-up periods of ids each look covers. */
    static final int WINDOW = 3;

    /** Above this many users with new items since the last looks, every stream here is woken instead. */
    private static final int USERS_PER_LOOK = 20_000;

    private final InboxChannel channel;
    private final InboxStreams streams;
    private final InboxStore store;
    /** The sequence's value at the last {@link #WINDOW} looks, oldest first; empty before the first look. */
    private final long[] marks = new long[WINDOW];

    private boolean started;

    public InboxFanout(InboxChannel channel, InboxStreams streams, InboxStore store) {
        this.channel = channel;
        this.streams = streams;
        this.store = store;
    }

    void start(@Observes StartupEvent event) {
        channel.startAnnouncing(EVERYONE);
        channel.listen(this::wake);
        catchUp(); // the starting point: what committed before any stream here opened needs no catching up
    }

    void stop(@Observes ShutdownEvent event) {
        channel.stop();
    }

    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) InboxChanged event) {
        if (event.everyone()) {
            channel.announce(EVERYONE);
        } else {
            event.userIds().forEach(channel::announce);
        }
    }

    private void wake(String target) {
        if (EVERYONE.equals(target)) {
            streams.wakeAll();
        } else {
            streams.wake(target);
        }
    }

    @Scheduled(
            every = "${market.notify.inbox.catch-up-every:5s}",
            delayed = "${market.notify.inbox.catch-up-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void catchUp() {
        long now;
        try {
            now = store.newestId();
            if (started && streams.openStreams() > 0 && now > marks[0]) {
                InboxStore.Changes changes = store.changes(marks[0], now, USERS_PER_LOOK);
                if (changes.broadcast() || changes.usersLimited()) {
                    streams.wakeAll();
                } else {
                    changes.users().forEach(streams::wake);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Inbox catch-up could not read (%s); it looks again later", e.getMessage());
            return;
        }
        if (!started) {
            Arrays.fill(marks, now);
            started = true;
        } else {
            System.arraycopy(marks, 1, marks, 0, WINDOW - 1);
            marks[WINDOW - 1] = now;
        }
    }
}
