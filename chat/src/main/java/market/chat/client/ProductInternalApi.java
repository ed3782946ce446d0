package market.chat.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import market.common.logging.RequestIdPropagation;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * product's service-only hook (never routed by the gateway): a room was opened by this buyer. product counts it
 * in chatCount and remembers the buyer as someone the seller may name in a trade.
 */
@RegisterProvider(RequestIdPropagation.class)
@RegisterRestClient(configKey = "product")
@OidcClientFilter
@Path("/internal/products")
// the servers answer JSON or 406, so the Accept header says JSON
@Produces(MediaType.APPLICATION_JSON)
public interface ProductInternalApi {

    record RoomOpened(String buyerId) {}

    @PUT
    @Path("/{id}/chats/{roomId}")
    @Consumes(MediaType.APPLICATION_JSON)
    void chatOpened(@PathParam("id") long productId, @PathParam("roomId") long roomId, RoomOpened body);
}
