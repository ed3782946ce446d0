package market.common.limits;

import java.time.Duration;

/** {@code limit} actions per {@code period} on average, up to {@code burst} in a row. */
public record Limit(int limit, Duration period, int burst) {

    public Limit {
        if (limit < 1 || burst < 1 || period == null || period.toMillis() < 1) {
            throw new IllegalArgumentException("a limit needs limit >= 1, burst >= 1 and a period of at least 1 ms");
        }
    }

    /** Milliseconds between two actions at the sustained rate (at least 1). */
    long intervalMillis() {
        return Math.max(1, period.toMillis() / limit);
    }
}
