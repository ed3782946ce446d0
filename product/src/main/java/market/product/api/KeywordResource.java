package market.product.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import market.common.api.Page;
import market.product.domain.KeywordAlert;
import market.product.service.KeywordService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/me/keywords")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "keywords",
        description = "Keyword alerts: a new listing in my region whose title contains the keyword notifies me")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class KeywordResource {

    private final KeywordService keywords;
    private final CurrentUser user;

    public KeywordResource(KeywordService keywords, CurrentUser user) {
        this.keywords = keywords;
        this.user = user;
    }

    /** At most 30, so one page always holds them all. */
    @GET
    @RolesAllowed("user")
    @Operation(summary = "My keyword alerts (one page, nextCursor null)")
    @APIResponse(responseCode = "200", description = "My keyword alerts")
    public Page<KeywordView> list() {
        return new Page<>(
                keywords.list(user.caller().id()).stream().map(KeywordView::of).toList(), null);
    }

    @POST
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a keyword alert")
    @APIResponse(
            responseCode = "201",
            description = "The alert",
            content = @Content(schema = @Schema(implementation = KeywordView.class)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    @APIResponse(responseCode = "409", description = "Already have this keyword")
    @APIResponse(responseCode = "422", description = "At most 30 keywords")
    @APIResponse(responseCode = "429", description = "Rate limited (Retry-After says when to retry)")
    public Response add(@Valid @NotNull KeywordInput body) {
        KeywordAlert k = keywords.add(user.caller(), body.keyword());
        return Response.created(URI.create("/api/me/keywords/" + k.id()))
                .entity(KeywordView.of(k))
                .build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("user")
    @Operation(summary = "Remove a keyword alert")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "Unknown, or another user's")
    public Response remove(@PathParam("id") long id) {
        keywords.remove(user.caller(), id);
        return Response.noContent().build();
    }
}
