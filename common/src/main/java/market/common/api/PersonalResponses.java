package market.common.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * An answer to a request that carries a token is the caller's own (their profile, rooms, inbox, or a listing
 * with their like): no shared cache may keep it, whatever proxy or ingress sits in front. Responses that set their
 * own Cache-Control (photos) keep it; anonymous answers are left to the gateway.
 */
public class PersonalResponses {

    static final String NO_STORE = "private, no-store";

    @ServerResponseFilter
    public void noStore(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            return;
        }
        if (request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || (request.getSecurityContext() != null
                        && request.getSecurityContext().getUserPrincipal() != null)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, NO_STORE);
        }
    }
}
