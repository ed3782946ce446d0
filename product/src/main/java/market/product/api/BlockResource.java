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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import market.common.api.Cursor;
import market.common.api.Page;
import market.product.domain.Block;
import market.product.service.BlockService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 차단: users I blocked. A block hides both parties' listings and comments from each other and stops chat. */
@Path("/api/me/blocks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "blocks", description = "Blocked users (차단)")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class BlockResource {

    private final BlockService blocks;
    private final CurrentUser user;

    public BlockResource(BlockService blocks, CurrentUser user) {
        this.blocks = blocks;
        this.user = user;
    }

    @GET
    @RolesAllowed("user")
    @Operation(summary = "Users I blocked, latest first")
    @APIResponse(responseCode = "200", description = "One page of blocked users")
    @APIResponse(responseCode = "400", description = "Invalid cursor or size")
    public Page<BlockView> list(@QueryParam("cursor") String cursor, @QueryParam("size") String size) {
        Page<Block> page = blocks.list(user.caller(), cursor, Cursor.size(size));
        return new Page<>(page.items().stream().map(BlockView::of).toList(), page.nextCursor());
    }

    @GET
    @Path("{userId}")
    @RolesAllowed("user")
    @Operation(summary = "Whether I blocked this user")
    @APIResponse(responseCode = "200", description = "The block")
    @APIResponse(responseCode = "404", description = "Not blocked")
    public BlockView get(@PathParam("userId") String userId) {
        return BlockView.of(blocks.find(user.caller(), userId));
    }

    @POST
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Block a user (idempotent: 201 when new, 200 when already blocked)")
    @APIResponse(
            responseCode = "201",
            description = "Blocked",
            content = @Content(schema = @Schema(implementation = BlockView.class)))
    @APIResponse(responseCode = "200", description = "Already blocked")
    @APIResponse(responseCode = "400", description = "Malformed input, or no such user")
    @APIResponse(responseCode = "422", description = "Blocking yourself, or over 1,000 blocks")
    public Response block(@Valid @NotNull BlockInput body) {
        BlockService.Blocked b = blocks.block(user.caller(), body.userId());
        BlockView view = BlockView.of(b.block());
        if (!b.created()) {
            return Response.ok(view).build();
        }
        return Response.created(URI.create(
                        "/api/me/blocks/" + URLEncoder.encode(b.block().userId(), StandardCharsets.UTF_8)))
                .entity(view)
                .build();
    }

    @DELETE
    @Path("{userId}")
    @RolesAllowed("user")
    @Operation(summary = "Unblock a user (idempotent)")
    @APIResponse(responseCode = "204", description = "Not blocked (any more)")
    public Response unblock(@PathParam("userId") String userId) {
        blocks.unblock(user.caller(), userId);
        return Response.noContent().build();
    }
}
