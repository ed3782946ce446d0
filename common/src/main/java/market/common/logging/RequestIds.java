package market.common.logging;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Every HTTP request carries a request id in the log context (MDC key {@code requestId}) and in the answer's
 * {@code X-Request-Id}: the gateway's (the local nginx and ingress-nginx set one per request), or a new one when
 * it sent none or one that is not a plain token (it ends up in log lines). Calls this service makes while
 * handling the request pass it on ({@link RequestIdPropagation}). The MDC lives in the request's Vert.x
 * context, so it follows the request onto worker threads and ends with it.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:+=/-]{1,128}");
    /** Before the security and REST handlers, so their log lines carry the id too. */
    private static final int PRIORITY = 1000;

    void register(@Observes Filters filters) {
        filters.register(
                rc -> {
                    String id = accept(rc.request().getHeader(HEADER));
                    MDC.put(MDC_KEY, id);
                    rc.response().putHeader(HEADER, id);
                    rc.next();
                },
                PRIORITY);
    }

    /** The caller's id if it is a plain token, else a new one. */
    static String accept(String given) {
        return given != null && PLAIN.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
    }

    /** The id of the request being handled, or null outside one (scheduled jobs, relays). */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
