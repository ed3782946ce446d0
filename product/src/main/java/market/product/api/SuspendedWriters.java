package market.product.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Set;
import market.product.service.ModerationService;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A suspended user's writes are refused in every product route (403 problem+json, code {@code suspended}); reads
 * still answer. Runs after routing, on the worker thread of the (blocking) endpoint, for user tokens only.
 */
public class SuspendedWriters {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final SecurityIdentity identity;
    private final JsonWebToken jwt;
    private final ModerationService moderation;

    public SuspendedWriters(SecurityIdentity identity, JsonWebToken jwt, ModerationService moderation) {
        this.identity = identity;
        this.jwt = jwt;
        this.moderation = moderation;
    }

    @ServerRequestFilter
    public void refuseSuspended(ContainerRequestContext request) {
        if (READS.contains(request.getMethod()) || identity.isAnonymous() || !identity.hasRole("user")) {
            return;
        }
        moderation.refuseIfSuspended(jwt.getSubject());
    }
}
