package market.product.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import market.product.service.SocialService;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** DELETE /api/comments/{id}: by its author or an admin. */
@Path("/api/comments")
@Produces(MediaType.APPLICATION_JSON)
public class CommentAdminResource {

    private final SocialService social;
    private final CurrentUser user;

    public CommentAdminResource(SocialService social, CurrentUser user) {
        this.social = social;
        this.user = user;
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("user")
    public Response delete(@PathParam("id") long id) {
        social.deleteComment(user.caller(), id);
        return Response.noContent().build();
    }
}
