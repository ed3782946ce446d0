package market.chat.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** product's service-only hook (never routed by the gateway): a room was opened, count it in chatCount. */
@RegisterRestClient(configKey = "product")
@OidcClientFilter
@Path("/internal/products")
public interface ProductInternalApi {

    @PUT
    @Path("/{id}/chats/{roomId}")
    void chatOpened(@PathParam("id") long productId, @PathParam("roomId") long roomId);
}
