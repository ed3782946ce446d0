package market.product.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import market.common.api.Cursor;
import market.common.api.Page;
import market.common.api.QueryParams;
import market.product.domain.FeedQuery;
import market.product.domain.ProductStatus;
import market.product.service.ProductQueries;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** GET /api/me/products?status= (판매내역). */
@Path("/api/me/products")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "me")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class MyListingsResource {

    private final ProductQueries queries;
    private final ProductMapper mapper;
    private final CurrentUser user;

    public MyListingsResource(ProductQueries queries, ProductMapper mapper, CurrentUser user) {
        this.queries = queries;
        this.mapper = mapper;
        this.user = user;
    }

    @GET
    @RolesAllowed("user")
    @Operation(summary = "My listings (판매내역)")
    @APIResponse(responseCode = "200", description = "One page of listings")
    public Page<ProductViews.Summary> products(
            @QueryParam("status") String status, @QueryParam("cursor") String cursor, @QueryParam("size") String size) {
        String me = user.caller().id();
        FeedQuery q = new FeedQuery(
                null,
                null,
                null,
                null,
                QueryParams.optionalEnum("status", status, ProductStatus.class),
                null,
                null,
                me,
                FeedQuery.Sort.LATEST);
        return mapper.page(queries.feed(q, new ProductQueries.Range(null, null), cursor, Cursor.size(size), me), me);
    }
}
