package market.chat.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import market.common.api.ApiException;
import org.junit.jupiter.api.Test;

/** The bound on photo uploads processed at once: the rest wait their turn, then 503. */
class ProcessingGateTest {

    @Test
    void atMostThePermitsRunAtOnceAndTheRestWaitTheirTurn() throws Exception {
        ProcessingGate gate = new ProcessingGate(2, Duration.ofSeconds(10));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<?>[] runs = new Future<?>[6];
            for (int i = 0; i < runs.length; i++) {
                runs[i] = pool.submit(() -> {
                    start.await();
                    return gate.run(() -> {
                        most.accumulateAndGet(running.incrementAndGet(), Math::max);
                        sleep(100);
                        running.decrementAndGet();
                        return 1;
                    });
                });
            }
            start.countDown();
            for (Future<?> f : runs) {
                assertEquals(1, f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, most.get(), "never more than the permits, and both used");
    }

    @Test
    void anUploadThatWaitsTooLongIs503AndAFailureFreesItsPermit() throws Exception {
        ProcessingGate gate = new ProcessingGate(1, Duration.ofMillis(200));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> holder = pool.submit(() -> gate.run(() -> {
                holding.countDown();
                await(release);
                return 1;
            }));
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            ApiException busy = assertThrows(ApiException.class, () -> gate.run(() -> 2));
            assertEquals(503, busy.status());
            assertEquals("5", busy.headers().get("Retry-After"));
            release.countDown();
            assertEquals(1, holder.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertThrows(
                IllegalStateException.class,
                () -> gate.run(() -> {
                    throw new IllegalStateException("a photo that fails to process");
                }));
        assertEquals(3, gate.run(() -> 3), "the failed run gave its permit back");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
