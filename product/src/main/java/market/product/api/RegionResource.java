package market.product.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import market.common.api.ApiException;
import market.common.api.Page;
import market.common.api.QueryParams;
import market.product.service.Regions;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/regions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "regions", description = "행정동: the 동네 users live in and listings are in")
public class RegionResource {

    /** Where /nearby stops looking: farther than this from every 동's point is not in Korea. */
    static final double NEARBY_MAX_METERS = 30_000;

    private final Regions regions;

    public RegionResource(Regions regions) {
        this.regions = regions;
    }

    @GET
    @PermitAll
    @Operation(
            summary = "Find 동 by name",
            description = "Every word of q must appear in \"시도 시군구 동\" (역삼, 강남 역삼, 역삼1); 동 names starting"
                    + " with the last word first. One page (nextCursor is always null).")
    @APIResponse(responseCode = "200", description = "Matching regions")
    @APIResponse(responseCode = "400", description = "q missing or too long, or a bad size")
    public Page<RegionView> search(@QueryParam("q") String q, @QueryParam("size") String size) {
        String query = QueryParams.optionalText("q", q, 30);
        if (query == null) {
            throw ApiException.badRequest("q", "must not be blank");
        }
        Long limit = QueryParams.optionalLong("size", size, 1, 50);
        return new Page<>(
                regions.search(query, limit == null ? 20 : limit.intValue()).stream()
                        .map(RegionView::of)
                        .toList(),
                null);
    }

    @GET
    @Path("nearby")
    @PermitAll
    @Operation(
            summary = "The 동 nearest to a position and its neighbours",
            description = "Nearest first, each with distanceMeters; empty when no 동's point is within 30 km"
                    + " (the position is not in Korea). The position is not stored.")
    @APIResponse(responseCode = "200", description = "Regions, nearest first")
    @APIResponse(responseCode = "400", description = "lat/lng missing or out of range, or a bad size")
    public Page<RegionView> nearby(
            @QueryParam("lat") String lat, @QueryParam("lng") String lng, @QueryParam("size") String size) {
        Double la = QueryParams.optionalDecimal("lat", lat, -90, 90);
        Double ln = QueryParams.optionalDecimal("lng", lng, -180, 180);
        if (la == null) {
            throw ApiException.badRequest("lat", "is required");
        }
        if (ln == null) {
            throw ApiException.badRequest("lng", "is required");
        }
        Long n = QueryParams.optionalLong("size", size, 1, 50);
        return new Page<>(
                regions.nearest(la, ln, n == null ? 10 : n.intValue(), NEARBY_MAX_METERS).stream()
                        .map(near -> RegionView.of(near.region(), near.meters()))
                        .toList(),
                null);
    }

    @GET
    @Path("{code}")
    @PermitAll
    @Operation(summary = "One 동 by its code")
    @APIResponse(responseCode = "200", description = "The region")
    @APIResponse(responseCode = "404", description = "No such code")
    public RegionView one(@PathParam("code") String code) {
        return regions.find(code).map(RegionView::of).orElseThrow(() -> ApiException.notFound("Region"));
    }
}
