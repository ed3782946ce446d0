package market.product.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import market.common.logging.RequestIdPropagation;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** chat's internal API; the filter adds product-service's client-credentials token. */
@RegisterProvider(RequestIdPropagation.class)
@RegisterRestClient(configKey = "chat")
@OidcClientFilter
@Produces(MediaType.APPLICATION_JSON)
public interface ChatApi {

    @GET
    @Path("/internal/messages/{id}")
    ChatMessage message(@PathParam("id") long id);
}
