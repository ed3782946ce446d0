package market.chat.storage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Where a chat send's time goes on this replica, stage by stage: Micrometer timers {@code chat.send.stage} tagged
 * {@code stage}, with p50/p99 over about the last minute (what the chat bench reads at the end of its measured
 * minute, and what an operator looks at when acks get slow).
 */
@ApplicationScoped
public class SendStages {

    public enum Stage {
        /** From the send's start on its worker thread to its message offered to the writer (rate limit, blocks). */
        CHECKS,
        /** From offered to the start of its batch's statement (the writer's queue). */
        QUEUED,
        /** The batch's statement, as long as each of its messages waited for it. */
        STATEMENT,
        /** From the batch committed to the sending thread running again. */
        HANDOFF,
        /** From stored to the send's return (fan-out to the room, push scheduling). */
        DELIVER
    }

    private final Timer[] timers = new Timer[Stage.values().length];

    public SendStages(MeterRegistry registry) {
        for (Stage stage : Stage.values()) {
            timers[stage.ordinal()] = Timer.builder("chat.send.stage")
                    .tag("stage", stage.name().toLowerCase(Locale.ROOT))
                    .description("One stage of a chat send on this replica (see SendStages)")
                    .publishPercentiles(0.5, 0.99)
                    .distributionStatisticExpiry(Duration.ofMinutes(1))
                    .distributionStatisticBufferLength(6)
                    .register(registry);
        }
    }

    public void record(Stage stage, long nanos) {
        timers[stage.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
    }
}
