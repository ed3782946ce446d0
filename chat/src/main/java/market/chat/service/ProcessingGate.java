package market.chat.service;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import market.common.api.ApiException;

/**
 * At most {@code permits} photo uploads are decoded and re-encoded at once on a replica. A decoded photo takes up to
 * 4 bytes a pixel (a 50-megapixel one 200 MB, twice while it is turned upright): without a bound, a few concurrent
 * uploads could exhaust the heap of the process that also carries everyone's chat connections. Further uploads wait
 * their turn up to {@code wait}, then answer 503 with Retry-After (nothing stored).
 */
public final class ProcessingGate {

    private final Semaphore permits;
    private final Duration wait;

    public ProcessingGate(int permits, Duration wait) {
        if (permits < 1) {
            throw new IllegalArgumentException("at least one photo upload must be processed at a time");
        }
        this.permits = new Semaphore(permits, true);
        this.wait = wait;
    }

    /** Runs {@code work} once a permit is free; 503 when none frees up in time. */
    public <T> T run(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        if (!acquired) {
            throw busy();
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    private static ApiException busy() {
        return ApiException.unavailable("Many photos are being processed right now, please try again", 5);
    }
}
