package market.product.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import market.product.service.SocialService;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** For chat (service role, never routed by the gateway): a room was opened on this listing. */
@Path("/internal/products/{id}/chats")
@Produces(MediaType.APPLICATION_JSON)
public class InternalChatResource {

    private final SocialService social;

    public InternalChatResource(SocialService social) {
        this.social = social;
    }

    @PUT
    @Path("{roomId}")
    @RolesAllowed("service")
    public Response opened(@PathParam("id") long id, @PathParam("roomId") long roomId) {
        social.chatOpened(id, roomId);
        return Response.noContent().build();
    }
}
