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
 * product's service-only hooks (never routed by the gateway): a room was opened by this buyer (product counts it
 * in chatCount and remembers the buyer as someone the seller may name in a trade); an accepted offer reserves the
 * listing for the room's buyer.
 */
@RegisterProvider(RequestIdPropagation.class)
@RegisterRestClient(configKey = "product")
@OidcClientFilter
@Path("/internal/products")
// the servers answer JSON or 406, so the Accept header says JSON
@Produces(MediaType.APPLICATION_JSON)
public interface ProductInternalApi {

    record RoomOpened(String buyerId) {}

    /** The room whose buyer the listing is reserved for (product also learns of the room, if it had not yet). */
    record Reservation(long roomId, String buyerId) {}

    @PUT
    @Path("/{id}/chats/{roomId}")
    @Consumes(MediaType.APPLICATION_JSON)
    void chatOpened(@PathParam("id") long productId, @PathParam("roomId") long roomId, RoomOpened body);

    /** 예약중 for the room's buyer; idempotent. 409: the listing is sold or reserved for someone else. */
    @PUT
    @Path("/{id}/reservation")
    @Consumes(MediaType.APPLICATION_JSON)
    void reserve(@PathParam("id") long productId, Reservation body);
}
