package market.chat.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import market.chat.config.ChatConfig;

/**
 * A token bucket per sender (capacity = rate, refilled continuously). Kept in memory so it holds while
 * Redis is down; with N replicas a user behind a sticky connection is still held to the rate.
 */
@ApplicationScoped
public class SendRateLimiter {

    private static final int MAX_TRACKED = 100_000;

    private static final class Bucket {
        double tokens;
        long refilledAt;
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int perSecond;

    public SendRateLimiter(ChatConfig config) {
        this.perSecond = config.sendsPerSecond();
    }

    public boolean tryAcquire(String userId) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear();
        }
        Bucket b = buckets.computeIfAbsent(userId, k -> {
            Bucket fresh = new Bucket();
            fresh.tokens = perSecond;
            fresh.refilledAt = System.nanoTime();
            return fresh;
        });
        synchronized (b) {
            long now = System.nanoTime();
            b.tokens = Math.min(perSecond, b.tokens + (now - b.refilledAt) / 1e9 * perSecond);
            b.refilledAt = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
