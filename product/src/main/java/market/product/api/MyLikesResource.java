package market.product.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import market.common.api.Cursor;
import market.common.api.Page;
import market.product.service.ProductQueries;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** GET /api/me/likes (관심목록), most recently liked first. */
@Path("/api/me/likes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "me")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class MyLikesResource {

    private final ProductQueries queries;
    private final ProductMapper mapper;
    private final CurrentUser user;

    public MyLikesResource(ProductQueries queries, ProductMapper mapper, CurrentUser user) {
        this.queries = queries;
        this.mapper = mapper;
        this.user = user;
    }

    @GET
    @RolesAllowed("user")
    @Operation(summary = "Listings I liked")
    @APIResponse(responseCode = "200", description = "One page of listings")
    public Page<ProductViews.Summary> likes(@QueryParam("cursor") String cursor, @QueryParam("size") String size) {
        String me = user.caller().id();
        return mapper.page(queries.likedBy(me, cursor, Cursor.size(size)), me);
    }
}
