package market.product.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import market.product.service.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of the current request as the service layer sees it. */
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;
    private final JsonWebToken jwt;
    private final RoutingContext request;

    public CurrentUser(SecurityIdentity identity, JsonWebToken jwt, RoutingContext request) {
        this.identity = identity;
        this.jwt = jwt;
        this.request = request;
    }

    /** For endpoints that require a user; the security annotation has already rejected anonymous calls. */
    public Caller caller() {
        String username = jwt.getClaim("preferred_username");
        return new Caller(jwt.getSubject(), username == null ? "user" : username, identity.hasRole("admin"));
    }

    /** The user id, or null for an anonymous caller of an open endpoint. */
    public String idOrNull() {
        return identity.isAnonymous() ? null : jwt.getSubject();
    }

    /** Whether the caller holds the admin role (false when anonymous). */
    public boolean isAdmin() {
        return !identity.isAnonymous() && identity.hasRole("admin");
    }

    /** Who a view is counted for: the user, or else the client address. */
    public String viewerKey() {
        String id = idOrNull();
        if (id != null) {
            return "u:" + id;
        }
        String address = request.request().remoteAddress() == null
                ? "unknown"
                : request.request().remoteAddress().hostAddress();
        String forwarded = request.request().getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            // The last entry is the one our own proxy appended; earlier ones are whatever the client sent.
            String[] hops = forwarded.split(",");
            address = hops[hops.length - 1].strip();
        }
        return "a:" + (address.length() > 70 ? address.substring(0, 70) : address);
    }
}
