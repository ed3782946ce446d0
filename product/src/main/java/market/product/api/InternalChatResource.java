package market.product.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import market.product.service.SocialService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * For chat (service role, never routed by the gateway): a buyer opened a room on this listing. chat reports every
 * room until product has acknowledged it, so rooms opened while product was down (or before buyers were
 * reported) arrive too.
 */
@Path("/internal/products/{id}/chats")
@Produces(MediaType.APPLICATION_JSON)
public class InternalChatResource {

    public record RoomOpened(
            @NotNull @Size(min = 1, max = 64) String buyerId) {}

    private final SocialService social;

    public InternalChatResource(SocialService social) {
        this.social = social;
    }

    @PUT
    @Path("{roomId}")
    @RolesAllowed("service")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response opened(
            @PathParam("id") long id, @PathParam("roomId") long roomId, @Valid @NotNull RoomOpened body) {
        social.chatOpened(id, roomId, body.buyerId());
        return Response.noContent().build();
    }
}
