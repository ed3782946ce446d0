package market.product.storage;

import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import market.common.limits.RateLimitConfig;
import market.common.limits.RateLimiter;

@Singleton
/** The shared rate limiter over the Redis client's pool (a few calls per write, not per read). */
public class RateLimits {

    @Produces
    @Singleton
    RateLimiter rateLimiter(Redis redis, RateLimitConfig config) {
        return new RateLimiter(redis::send, config);
    }
}
