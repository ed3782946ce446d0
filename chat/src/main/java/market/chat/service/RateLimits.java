package market.chat.service;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import market.common.limits.RateLimitConfig;
import market.common.limits.RateLimiter;

/**
 * The shared per-user send limit (market.rate-limit.actions.chat-send) over the pipelined Redis link: every
 * message costs one script call, which on a pooled connection would queue behind the pool like publishes did.
 */
@Singleton
public class RateLimits {

    @Produces
    @Singleton
    RateLimiter rateLimiter(RedisLink link, RateLimitConfig config) {
        return new RateLimiter(request -> link.send(request, config.timeout()), config);
    }
}
