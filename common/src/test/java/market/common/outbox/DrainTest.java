package market.common.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DrainTest {

    @Test
    void goesOnWhileRoundsAreFull() {
        ArrayDeque<Integer> sizes = new ArrayDeque<>(List.of(10, 10, 3, 10));
        AtomicInteger rounds = new AtomicInteger();
        Drain drain = new Drain(
                "test",
                () -> {
                    rounds.incrementAndGet();
                    return sizes.poll();
                },
                10);
        drain.drain();
        assertEquals(3, rounds.get(), "two full rounds, then a short one ends the drain");
    }

    @Test
    void aWakeUpDuringARoundRunsOneMoreRoundNotASecondDrain() {
        AtomicReference<Drain> self = new AtomicReference<>();
        AtomicInteger rounds = new AtomicInteger();
        Drain drain = new Drain(
                "test",
                () -> {
                    if (rounds.incrementAndGet() == 1) {
                        self.get().drain(); // a commit's wake-up while the first round runs
                    }
                    return 0;
                },
                10);
        self.set(drain);
        drain.drain();
        assertEquals(2, rounds.get());
    }

    @Test
    void aFailedRoundEndsTheDrainAndTheNextWakeUpRunsAgain() {
        AtomicInteger rounds = new AtomicInteger();
        Drain drain = new Drain(
                "test",
                () -> {
                    if (rounds.incrementAndGet() == 1) {
                        throw new IllegalStateException("database away");
                    }
                    return 0;
                },
                10);
        drain.drain();
        drain.drain();
        assertEquals(2, rounds.get());
    }

    @Test
    void stoppedDrainsNothing() {
        AtomicInteger rounds = new AtomicInteger();
        Drain drain = new Drain("test", rounds::incrementAndGet, 10);
        drain.stop();
        drain.drain();
        assertEquals(0, rounds.get());
    }
}
