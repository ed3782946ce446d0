package market.product.service;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import market.common.limits.Action;

/**
 * The use case counts against the caller's limit for {@link #value()}; over it, the call is refused with 429
 * (and a Retry-After) before it starts, so it changes nothing. The method must take a {@link Caller}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RateLimited {

    @Nonbinding
    Action value();
}
