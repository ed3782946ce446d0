package market.notify.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import market.notify.storage.InboxChannel;

/**
 * Wakes the inbox streams on every replica: the transaction that adds inbox items also announces them on the
 * {@link InboxChannel} (delivered on commit only), and each replica listens there and wakes its streams of
 * that user, or all of them for a broadcast.
 */
@ApplicationScoped
public class InboxFanout {

    /** The target that stands for every user (a broadcast). */
    static final String EVERYONE = "*";

    private final InboxChannel channel;
    private final InboxStreams streams;

    public InboxFanout(InboxChannel channel, InboxStreams streams) {
        this.channel = channel;
        this.streams = streams;
    }

    void start(@Observes StartupEvent event) {
        channel.listen(this::wake);
    }

    void stop(@Observes ShutdownEvent event) {
        channel.stop();
    }

    private void wake(String target) {
        if (EVERYONE.equals(target)) {
            streams.wakeAll();
        } else {
            streams.wake(target);
        }
    }
}
