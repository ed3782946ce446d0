package market.product.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import market.common.api.Cursor;
import market.common.api.Page;
import market.product.domain.Comment;
import market.product.domain.DeletedAccount;
import market.product.domain.Profile;
import market.product.service.ProductQueries;
import market.product.service.SocialService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/products/{id}/comments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "comments", description = "Comments on listings")
public class CommentResource {

    private final SocialService social;
    private final ProductQueries queries;
    private final CurrentUser user;

    public CommentResource(SocialService social, ProductQueries queries, CurrentUser user) {
        this.social = social;
        this.queries = queries;
        this.user = user;
    }

    @GET
    @PermitAll
    @Operation(summary = "Comments on a listing, oldest first")
    @APIResponse(responseCode = "200", description = "One page of comments")
    @APIResponse(responseCode = "404", description = "No such listing")
    public Page<CommentView> list(
            @PathParam("id") long id, @QueryParam("cursor") String cursor, @QueryParam("size") String size) {
        Cursor c = Cursor.decode(cursor, 1);
        Page<Comment> page = social.comments(id, c == null ? null : c.longAt(0), Cursor.size(size), user.idOrNull());
        Map<String, Profile> authors = queries.profiles(page.items().stream()
                .map(Comment::authorId)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList());
        List<CommentView> items = page.items().stream()
                .map(x -> view(x, x.authorId() == null ? null : authors.get(x.authorId())))
                .toList();
        return new Page<>(items, page.nextCursor());
    }

    @POST
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Comment on a listing")
    @SecurityRequirement(name = "bearer")
    @APIResponse(
            responseCode = "201",
            description = "The comment",
            content = @Content(schema = @Schema(implementation = CommentView.class)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not allowed for the caller")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "429", description = "Rate limited (Retry-After says when to retry)")
    public Response add(@PathParam("id") long id, @Valid @NotNull CommentInput body) {
        Comment c = social.comment(user.caller(), id, body.content());
        Profile author = queries.profiles(List.of(c.authorId())).get(c.authorId());
        return Response.created(URI.create("/api/products/" + id + "/comments/" + c.id()))
                .entity(view(c, author))
                .build();
    }

    static CommentView view(Comment c, Profile author) {
        return new CommentView(
                c.id(),
                c.productId(),
                c.authorId() == null
                        // the author deleted their account (탈퇴): the comment stays, its author does not
                        ? new CommentView.Author(null, DeletedAccount.DISPLAY_NAME)
                        : new CommentView.Author(c.authorId(), author == null ? "이웃" : author.nickname()),
                c.content(),
                c.createdAt());
    }
}
