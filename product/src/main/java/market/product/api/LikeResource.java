package market.product.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import market.product.service.SocialService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/products/{id}/like")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "likes", description = "Likes on listings")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class LikeResource {

    private final SocialService social;
    private final CurrentUser user;

    public LikeResource(SocialService social, CurrentUser user) {
        this.social = social;
        this.user = user;
    }

    @PUT
    @RolesAllowed("user")
    @Operation(summary = "Like a listing (idempotent)")
    @APIResponse(responseCode = "204", description = "Liked")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "422", description = "The seller cannot like their own listing")
    public Response like(@PathParam("id") long id) {
        social.like(user.caller(), id);
        return Response.noContent().build();
    }

    @DELETE
    @RolesAllowed("user")
    @Operation(summary = "Unlike a listing (idempotent)")
    @APIResponse(responseCode = "204", description = "Not liked")
    @APIResponse(responseCode = "404", description = "Not found")
    public Response unlike(@PathParam("id") long id) {
        social.unlike(user.caller(), id);
        return Response.noContent().build();
    }
}
