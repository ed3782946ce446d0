package market.product.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** notify's internal API; the filter adds product-service's client-credentials token. */
@RegisterRestClient(configKey = "notify")
@OidcClientFilter
public interface NotifyApi {

    @POST
    @Path("/internal/events")
    @Consumes(MediaType.APPLICATION_JSON)
    void send(NotifyEvent event);
}
