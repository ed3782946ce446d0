package market.chat.ws;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A refused WebSocket upgrade (bad or expired token) is answered 401 by the security layer; without this the
 * REST error mappers then try to answer the same request again and log an error for every such attempt.
 */
@ApplicationScoped
public class UpgradeFailures {

    void install(@Observes Router router) {
        router.route("/ws/*").order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.response().ended() || ctx.response().headWritten()) {
                return;
            }
            ctx.next();
        });
    }
}
