package market.product.service;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import market.common.api.ApiException;
import market.common.limits.Action;
import market.common.limits.RateLimiter;

/**
 * Applies {@link RateLimited}. Runs before the transaction interceptor (priority 200), so a refused call holds
 * no database connection and writes nothing, and a Redis round trip is not spent inside a transaction.
 */
@RateLimited(Action.LISTING) // the member is @Nonbinding: this one interceptor serves every action
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class RateLimitGuard {

    private final RateLimiter limiter;

    public RateLimitGuard(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @AroundInvoke
    Object check(InvocationContext ctx) throws Exception {
        RateLimited limited = ctx.getMethod().getAnnotation(RateLimited.class);
        if (limited == null) {
            limited = ctx.getMethod().getDeclaringClass().getAnnotation(RateLimited.class);
        }
        Action action = limited.value();
        RateLimiter.Decision d = limiter.acquire(action, caller(ctx).id());
        if (!d.allowed()) {
            throw ApiException.tooManyRequests(
                    "Too many " + action.what() + "; try again in " + d.retryAfterSeconds() + " s",
                    d.retryAfterSeconds());
        }
        return ctx.proceed();
    }

    private static Caller caller(InvocationContext ctx) {
        for (Object p : ctx.getParameters()) {
            if (p instanceof Caller c) {
                return c;
            }
        }
        throw new IllegalStateException(ctx.getMethod() + " is @RateLimited but takes no Caller");
    }
}
