package market.product.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Realm market's users in Keycloak, through its admin API: deleting an account (탈퇴) and disabling one
 * (moderation's suspend: a disabled user's refresh fails, so their session ends at the next refresh). Timeout,
 * a short retry and a circuit breaker as for notify; no fallback, so a failure reaches the outbox relay, which
 * tries again later. A user Keycloak does not know (404) is already gone: success, so both calls are idempotent.
 * 400/409/422 are refused for good ({@link DeliveryRefused}); 401/403 and 5xx are retried (a misconfigured role
 * must be fixed, not forgotten).
 */
@ApplicationScoped
public class KeycloakUsers {

    /** Keycloak user ids are UUIDs; anything else never reaches a URL (no path tricks with an id given by an admin). */
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final KeycloakAdminApi api;

    public KeycloakUsers(@RestClient KeycloakAdminApi api) {
        this.api = api;
    }

    /** Deletes the user; true if Keycloak had them, false if they were already gone. */
    @Timeout(5000)
    @Retry(maxRetries = 1, delay = 200, jitter = 100, abortOn = DeliveryRefused.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000, skipOn = DeliveryRefused.class)
    public boolean delete(String userId) {
        check(userId);
        try {
            api.deleteUser(userId);
            return true;
        } catch (WebApplicationException e) {
            return gone(e);
        }
    }

    /** Disables the user (enabled=false); true if Keycloak had them, false if there is no such user. */
    @Timeout(5000)
    @Retry(maxRetries = 1, delay = 200, jitter = 100, abortOn = DeliveryRefused.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000, skipOn = DeliveryRefused.class)
    public boolean disable(String userId) {
        check(userId);
        try {
            api.updateUser(userId, Map.of("enabled", false));
            return true;
        } catch (WebApplicationException e) {
            return gone(e);
        }
    }

    private static void check(String userId) {
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            throw new DeliveryRefused("keycloak", 400, "not a Keycloak user id");
        }
    }

    /** false for 404 (no such user); otherwise rethrows: refused for good or worth another try. */
    private static boolean gone(WebApplicationException e) {
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
        if (status == 404) {
            return false;
        }
        if (status == 400 || status == 409 || status == 422) {
            throw new DeliveryRefused("keycloak", status, null);
        }
        throw e;
    }
}
