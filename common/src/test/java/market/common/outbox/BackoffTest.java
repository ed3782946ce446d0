package market.common.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), 5);

    @Test
    void doublesFromBaseUpToMax() {
        assertEquals(Duration.ofSeconds(2), backoff.after(1));
        assertEquals(Duration.ofSeconds(4), backoff.after(2));
        assertEquals(Duration.ofSeconds(8), backoff.after(3));
        assertEquals(Duration.ofMinutes(5), backoff.after(9));
        assertEquals(Duration.ofMinutes(5), backoff.after(10_000), "no overflow on many attempts");
    }

    @Test
    void givesUpAfterMaxAttemptsUnlessUnbounded() {
        assertFalse(backoff.exhausted(4));
        assertTrue(backoff.exhausted(5));
        assertFalse(new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), 0).exhausted(1_000_000));
    }

    @Test
    void refusesAMaxBelowTheBase() {
        assertThrows(
                IllegalArgumentException.class, () -> new Backoff(Duration.ofMinutes(1), Duration.ofSeconds(1), 0));
    }
}
