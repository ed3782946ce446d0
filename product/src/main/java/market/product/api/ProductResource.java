package market.product.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import market.common.api.ApiException;
import market.common.api.Cursor;
import market.common.api.Page;
import market.common.api.QueryParams;
import market.product.domain.FeedQuery;
import market.product.domain.ListingDetail;
import market.product.domain.Product;
import market.product.domain.ProductStatus;
import market.product.domain.RegionRange;
import market.product.service.ImageService;
import market.product.service.ProductQueries;
import market.product.service.ProductService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "products", description = "Listings: feed, detail, create, edit, status, bump, delete")
public class ProductResource {

    private final ProductService products;
    private final ProductQueries queries;
    private final ImageService images;
    private final ProductMapper mapper;
    private final CurrentUser user;

    public ProductResource(
            ProductService products,
            ProductQueries queries,
            ImageService images,
            ProductMapper mapper,
            CurrentUser user) {
        this.products = products;
        this.queries = queries;
        this.images = images;
        this.mapper = mapper;
        this.user = user;
    }

    @GET
    @PermitAll
    @Operation(
            summary = "Feed of listings",
            description = "Newest bumpedAt first unless sort says otherwise; deleted listings never appear. Where: the"
                    + " 동 that `range` reaches from `regionCode`; a signed-in caller with a 동네 who names no place"
                    + " (regionCode, region, sellerId) gets their 동네 and saved range; region=all: everywhere.")
    @APIResponse(responseCode = "200", description = "One page of listings")
    @APIResponse(responseCode = "400", description = "A filter, the cursor or size is malformed")
    public Page<ProductViews.Summary> feed(
            @QueryParam("q") String q,
            @QueryParam("category") String category,
            @QueryParam("region") String region,
            @Parameter(description = "centre of the range: a 동's code (anyone; default: the caller's 동네)")
                    @QueryParam("regionCode")
                    String regionCode,
            @Parameter(
                            description = "range step from the centre: 0 its 동 only, 1 ≤ 3 km, 2 ≤ 6 km, 3 ≤ 10 km"
                                    + " (default: the caller's saved range, 1 for anonymous)")
                    @QueryParam("range")
                    String range,
            @QueryParam("status") String status,
            @QueryParam("minPrice") String minPrice,
            @QueryParam("maxPrice") String maxPrice,
            @QueryParam("sellerId") String sellerId,
            @QueryParam("sort") String sort,
            @QueryParam("cursor") String cursor,
            @QueryParam("size") String size) {
        FeedQuery.Sort order = FeedQuery.Sort.LATEST;
        if (sort != null && !sort.isBlank()) {
            order = FeedQuery.Sort.of(sort.strip());
            if (order == null) {
                throw ApiException.badRequest("sort", "one of latest, price_asc, price_desc, popular");
            }
        }
        String cat = QueryParams.optionalText("category", category, 32);
        if (cat != null) {
            cat = CategoryCodes.check(cat);
        }
        Long min = QueryParams.optionalLong("minPrice", minPrice, 0, Product.MAX_PRICE);
        Long max = QueryParams.optionalLong("maxPrice", maxPrice, 0, Product.MAX_PRICE);
        if (min != null && max != null && min > max) {
            throw ApiException.badRequest("minPrice", "must not be greater than maxPrice");
        }
        String code = QueryParams.optionalText("regionCode", regionCode, 10);
        if (code != null && !code.matches("[0-9]{10}")) {
            throw ApiException.badRequest("regionCode", "must be a 10-digit region code");
        }
        Long step = QueryParams.optionalLong("range", range, RegionRange.MIN, RegionRange.MAX);
        String name = QueryParams.optionalText("region", region, 50);
        FeedQuery query = new FeedQuery(
                QueryParams.optionalText("q", q, 100),
                cat,
                null,
                name,
                QueryParams.optionalEnum("status", status, ProductStatus.class),
                min,
                max,
                QueryParams.optionalText("sellerId", sellerId, 64),
                order);
        return mapper.page(
                queries.feed(
                        query,
                        new ProductQueries.Range(code, step == null ? null : step.intValue()),
                        cursor,
                        Cursor.size(size),
                        user.idOrNull()),
                user.idOrNull());
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Operation(summary = "One listing", description = "Counts a view (once per viewer per hour; never the seller).")
    @APIResponse(
            responseCode = "200",
            description = "The listing",
            content = @Content(schema = @Schema(implementation = ProductViews.Detail.class)),
            headers =
                    @Header(
                            name = "ETag",
                            description = "the listing version, for If-Match",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "Not found")
    public Response detail(@PathParam("id") long id) {
        ListingDetail d = products.view(id, user.viewerKey(), user.idOrNull(), user.isAdmin());
        return Response.ok(mapper.detail(d, user.idOrNull()))
                .tag(new EntityTag(Integer.toString(d.version())))
                .build();
    }

    @POST
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a listing (status ON_SALE)")
    @SecurityRequirement(name = "bearer")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = ProductViews.Detail.class)),
            headers = {
                @Header(
                        name = "ETag",
                        description = "the listing version, for If-Match",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(name = "Location", description = "the new listing", schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not allowed for the caller")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "429", description = "Rate limited (Retry-After says when to retry)")
    public Response create(@Valid @NotNull ProductInput body) {
        Product p = products.create(user.caller(), fields(body));
        return withEtag(
                p,
                Response.created(URI.create("/api/products/" + p.id()))
                        .entity(mapper.detail(p, images.of(p.id()), user.idOrNull())));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Replace the editable fields",
            description = "Needs version in the body or an If-Match header.")
    @SecurityRequirement(name = "bearer")
    @APIResponse(
            responseCode = "200",
            description = "The listing",
            content = @Content(schema = @Schema(implementation = ProductViews.Detail.class)),
            headers =
                    @Header(
                            name = "ETag",
                            description = "the listing version, for If-Match",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not allowed for the caller")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "409", description = "version and If-Match disagree, or the version is stale")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public Response update(
            @PathParam("id") long id, @Valid @NotNull ProductInput body, @HeaderParam("If-Match") String ifMatch) {
        Integer fromHeader = IfMatch.version(ifMatch);
        IfMatch.agreeing(fromHeader, body.version());
        if (fromHeader == null && body.version() == null) {
            throw ApiException.badRequest("version", "send the version you edited (or an If-Match header)");
        }
        int expected = fromHeader != null ? fromHeader : body.version();
        Product p = products.update(user.caller(), id, fields(body), expected, fromHeader != null);
        return withEtag(p, Response.ok(mapper.detail(p, images.of(id), user.idOrNull())));
    }

    @PATCH
    @Path("{id}/status")
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the status (ON_SALE, RESERVED, SOLD), optionally naming the buyer")
    @SecurityRequirement(name = "bearer")
    @APIResponse(
            responseCode = "200",
            description = "The listing",
            content = @Content(schema = @Schema(implementation = ProductViews.Detail.class)),
            headers =
                    @Header(
                            name = "ETag",
                            description = "the listing version, for If-Match",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not allowed for the caller")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "409", description = "Conflict")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    @APIResponse(responseCode = "422", description = "The named buyer never opened a chat about this listing")
    public Response status(
            @PathParam("id") long id, @Valid @NotNull StatusChange body, @HeaderParam("If-Match") String ifMatch) {
        Integer fromHeader = IfMatch.version(ifMatch);
        IfMatch.agreeing(fromHeader, body.version());
        Integer expected = fromHeader != null ? fromHeader : body.version();
        Product p =
                products.changeStatus(user.caller(), id, body.status(), body.buyerId(), expected, fromHeader != null);
        return withEtag(p, Response.ok(mapper.detail(p, images.of(id), user.idOrNull())));
    }

    @POST
    @Path("{id}/bump")
    @RolesAllowed("user")
    @Operation(summary = "Bump (끌어올리기): bumpedAt = now, at most once per 24 h")
    @SecurityRequirement(name = "bearer")
    @APIResponse(
            responseCode = "200",
            description = "The listing",
            content = @Content(schema = @Schema(implementation = ProductViews.Detail.class)),
            headers =
                    @Header(
                            name = "ETag",
                            description = "the listing version, for If-Match",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not allowed for the caller")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "429", description = "Bumped less than 24 h ago")
    public Response bump(@PathParam("id") long id) {
        Product p = products.bump(user.caller(), id);
        return withEtag(p, Response.ok(mapper.detail(p, images.of(id), user.idOrNull())));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("user")
    @Operation(summary = "Soft-delete a listing (owner or admin)")
    @SecurityRequirement(name = "bearer")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not allowed for the caller")
    @APIResponse(responseCode = "404", description = "Not found")
    public Response delete(@PathParam("id") long id) {
        products.delete(user.caller(), id);
        return Response.noContent().build();
    }

    private static ProductService.Fields fields(ProductInput b) {
        return new ProductService.Fields(
                b.title(),
                b.description(),
                b.price(),
                b.negotiable() != null && b.negotiable(),
                CategoryCodes.check(b.category()),
                b.regionCode(),
                b.region());
    }

    private static Response withEtag(Product p, Response.ResponseBuilder rb) {
        return rb.tag(new EntityTag(Integer.toString(p.version()))).build();
    }
}
