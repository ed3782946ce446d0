package market.notify.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import market.notify.service.AccountService;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A deleted account's access tokens stay valid until they expire (Keycloak signs them; nobody asks it again), so
 * every user call is checked against the tombstones: a deleted account is a 401, as if its token had expired
 * (the clients then try to refresh, which Keycloak refuses): no device is registered, no inbox read or
 * settings row made again for it. One primary-key lookup per authenticated user request; anonymous calls and
 * service calls skip it.
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
                || jwt.getSubject() == null) {
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
}
