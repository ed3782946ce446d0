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
import market.product.domain.ProhibitedWord;
import market.product.service.ProhibitedWords;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The prohibited-word list (금지 품목) a listing's title and description are checked against. */
@Path("/api/admin/prohibited-words")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "moderation")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "Not an admin")
public class ProhibitedWordResource {

    private final ProhibitedWords words;
    private final CurrentUser user;

    public ProhibitedWordResource(ProhibitedWords words, CurrentUser user) {
        this.words = words;
        this.user = user;
    }

    /** At most 500, so one page always holds them all. */
    @GET
    @RolesAllowed("admin")
    @Operation(summary = "Every prohibited word, oldest first (one page, nextCursor null)")
    @APIResponse(responseCode = "200", description = "The list")
    public Page<ProhibitedWordView> list() {
        return new Page<>(words.list().stream().map(ProhibitedWordView::of).toList(), null);
    }

    @POST
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Prohibit a word",
            description = "Compared after NFKC, lower-casing and dropping everything but letters and digits, in"
                    + " the word and in listings alike.")
    @APIResponse(
            responseCode = "201",
            description = "The word",
            content = @Content(schema = @Schema(implementation = ProhibitedWordView.class)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    @APIResponse(responseCode = "409", description = "Already prohibited (the same once folded)")
    @APIResponse(responseCode = "422", description = "At most 500 words")
    public Response add(@Valid @NotNull ProhibitedWordInput body) {
        ProhibitedWord w = words.add(user.caller(), body.word());
        return Response.created(URI.create("/api/admin/prohibited-words/" + w.id()))
                .entity(ProhibitedWordView.of(w))
                .build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("admin")
    @Operation(summary = "Allow a word again")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such word")
    public Response remove(@PathParam("id") long id) {
        words.remove(id);
        return Response.noContent().build();
    }
}
