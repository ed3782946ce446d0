package market.product.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import market.product.service.SocialService;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/products/{id}/like")
@Produces(MediaType.APPLICATION_JSON)
public class LikeResource {

    private final SocialService social;
    private final CurrentUser user;

    public LikeResource(SocialService social, CurrentUser user) {
        this.social = social;
        this.user = user;
    }

    @PUT
    @RolesAllowed("user")
    public Response like(@PathParam("id") long id) {
        social.like(user.caller(), id);
        return Response.noContent().build();
    }

    @DELETE
    @RolesAllowed("user")
    public Response unlike(@PathParam("id") long id) {
        social.unlike(user.caller(), id);
        return Response.noContent().build();
    }
}
