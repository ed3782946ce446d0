package market.product.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import market.product.service.AccountService;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A deleted account's access tokens stay valid until they expire (Keycloak signs them; nobody asks it again), so
 * every user call is checked against the tombstones: a deleted account is a 401, as if its token had expired
 * (the clients then try to refresh, which Keycloak refuses). The exception is {@code DELETE /api/me} itself,
 * which answers 204 again (idempotent). One primary-key lookup per authenticated user request; anonymous
 * browsing and service calls skip it.
 */
@ApplicationScoped
public class DeletedAccountGuard implements SecurityIdentityAugmentor {

    private final AccountService accounts;

    public DeletedAccountGuard(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()
                || !identity.hasRole("user")
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || jwt.getSubject() == null
                || deletingOwnAccount(identity)) {
            return Uni.createFrom().item(identity);
        }
        String subject = jwt.getSubject();
        return context.runBlocking(() -> {
            if (accounts.isDeleted(subject)) {
                throw new AuthenticationFailedException("The account was deleted");
            }
            return identity;
        });
    }

    private static boolean deletingOwnAccount(SecurityIdentity identity) {
        RoutingContext request = HttpSecurityUtils.getRoutingContextAttribute(identity);
        return request != null
                && "DELETE".equals(request.request().method().name())
                && "/api/me".equals(request.normalizedPath());
    }
}
