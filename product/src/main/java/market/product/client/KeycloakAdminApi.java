package market.product.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Keycloak's admin REST API for realm market ({@code market.keycloak.admin-url}, e.g.
 * {@code http://keycloak:8080/auth/admin/realms/market}; the gateway never routes /auth/admin, so product calls
 * Keycloak directly). The filter adds product-service's client-credentials token: its service account holds the
 * realm-management role {@code manage-users} and nothing else of the admin API.
 */
@RegisterRestClient(configKey = "keycloak-admin")
@OidcClientFilter
@Produces(MediaType.APPLICATION_JSON)
public interface KeycloakAdminApi {

    @DELETE
    @Path("/users/{id}")
    void deleteUser(@PathParam("id") String id);

    /** A partial UserRepresentation: Keycloak changes only the fields given. */
    @PUT
    @Path("/users/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    void updateUser(@PathParam("id") String id, Map<String, Object> representation);
}
