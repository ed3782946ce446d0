package market.common.outbox;

import java.time.Duration;

/**
 * When to try a failed delivery again: {@code base} after the first attempt, doubling per attempt up to
 * {@code max}; after {@code maxAttempts} attempts (0: never) the row is given up as a dead letter.
 */
public record Backoff(Duration base, Duration max, int maxAttempts) {

    public Backoff {
        if (base.isNegative() || max.compareTo(base) < 0 || maxAttempts < 0) {
            throw new IllegalArgumentException("backoff base " + base + ", max " + max + ", attempts " + maxAttempts);
        }
    }

    /** The wait after the {@code attempts}-th failed attempt (1 = the first). */
    public Duration after(int attempts) {
        long delay = base.toMillis() << Math.min(20, Math.max(0, attempts - 1));
        return Duration.ofMillis(Math.min(max.toMillis(), delay));
    }

    /** Whether a row that failed its {@code attempts}-th attempt is given up. */
    public boolean exhausted(int attempts) {
        return maxAttempts > 0 && attempts >= maxAttempts;
    }
}
