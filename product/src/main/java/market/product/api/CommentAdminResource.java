package market.product.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
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

/** DELETE /api/comments/{id}: by its author or an admin. */
@Path("/api/comments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "comments")
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
    @Operation(summary = "Delete a comment (its author or an admin)")
    @SecurityRequirement(name = "bearer")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not allowed for the caller")
    @APIResponse(responseCode = "404", description = "Not found")
    public Response delete(@PathParam("id") long id) {
        social.deleteComment(user.caller(), id);
        return Response.noContent().build();
    }
}
