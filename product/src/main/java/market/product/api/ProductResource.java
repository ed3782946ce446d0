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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import market.common.api.ApiException;
import market.common.api.Cursor;
import market.common.api.Page;
import market.common.api.QueryParams;
import market.product.domain.Product;
import market.product.domain.ProductStatus;
import market.product.service.FeedQuery;
import market.product.service.ImageService;
import market.product.service.ListingDetail;
import market.product.service.ProductQueries;
import market.product.service.ProductService;
import jakarta.ws.rs.Produces;

@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {

    private final ProductService products;
    private final ProductQueries queries;
    private final ImageService images;
    private final ProductMapper mapper;
    private final CurrentUser user;

    public ProductResource(ProductService products, ProductQueries queries, ImageService images,
            ProductMapper mapper, CurrentUser user) {
        this.products = products;
        this.queries = queries;
        this.images = images;
        this.mapper = mapper;
        this.user = user;
    }

    @GET
    @PermitAll
    public Page<ProductViews.Summary> feed(@QueryParam("q") String q, @QueryParam("category") String category,
            @QueryParam("region") String region, @QueryParam("status") String status,
            @QueryParam("minPrice") String minPrice, @QueryParam("maxPrice") String maxPrice,
            @QueryParam("sellerId") String sellerId, @QueryParam("sort") String sort,
            @QueryParam("cursor") String cursor, @QueryParam("size") String size) {
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
        FeedQuery query = new FeedQuery(QueryParams.optionalText("q", q, 100), cat,
                QueryParams.optionalText("region", region, 50),
                QueryParams.optionalEnum("status", status, ProductStatus.class), min, max,
                QueryParams.optionalText("sellerId", sellerId, 64), order);
        return mapper.page(queries.feed(query, cursor, Cursor.size(size), user.idOrNull()), user.idOrNull());
    }

    @GET
    @Path("{id}")
    @PermitAll
    public Response detail(@PathParam("id") long id) {
        ListingDetail d = products.view(id, user.viewerKey(), user.idOrNull());
        return Response.ok(mapper.detail(d, user.idOrNull())).tag(new EntityTag(Integer.toString(d.version()))).build();
    }

    @POST
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull ProductInput body) {
        Product p = products.create(user.caller(), fields(body));
        return withEtag(p, Response.created(URI.create("/api/products/" + p.id))
                .entity(mapper.detail(p, images.of(p.id), user.idOrNull())));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") long id, @Valid @NotNull ProductInput body,
            @HeaderParam("If-Match") String ifMatch) {
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
    public Response status(@PathParam("id") long id, @Valid @NotNull StatusChange body,
            @HeaderParam("If-Match") String ifMatch) {
        Integer fromHeader = IfMatch.version(ifMatch);
        IfMatch.agreeing(fromHeader, body.version());
        Integer expected = fromHeader != null ? fromHeader : body.version();
        Product p = products.changeStatus(user.caller(), id, body.status(), body.buyerId(), expected,
                fromHeader != null);
        return withEtag(p, Response.ok(mapper.detail(p, images.of(id), user.idOrNull())));
    }

    @POST
    @Path("{id}/bump")
    @RolesAllowed("user")
    public Response bump(@PathParam("id") long id) {
        Product p = products.bump(user.caller(), id);
        return withEtag(p, Response.ok(mapper.detail(p, images.of(id), user.idOrNull())));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("user")
    public Response delete(@PathParam("id") long id) {
        products.delete(user.caller(), id);
        return Response.noContent().build();
    }

    private static ProductService.Fields fields(ProductInput b) {
        return new ProductService.Fields(b.title(), b.description(), b.price(),
                b.negotiable() != null && b.negotiable(), CategoryCodes.check(b.category()), b.region());
    }

    private static Response withEtag(Product p, Response.ResponseBuilder rb) {
        return rb.tag(new EntityTag(Integer.toString(p.version))).build();
    }
}
