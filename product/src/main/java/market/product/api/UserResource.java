package market.product.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import market.common.api.ApiException;
import market.common.api.Cursor;
import market.common.api.Page;
import market.product.domain.Profile;
import market.product.service.ProductQueries;
import market.product.service.ReviewService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users", description = "Public profiles")
public class UserResource {

    private final ProductQueries queries;
    private final ReviewService reviews;

    public UserResource(ProductQueries queries, ReviewService reviews) {
        this.queries = queries;
        this.reviews = reviews;
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Operation(summary = "A user's public profile (never the email), with their 매너온도 and review chips")
    @APIResponse(responseCode = "200", description = "The public profile")
    @APIResponse(responseCode = "404", description = "Not found")
    public PublicProfile get(@PathParam("id") String id) {
        Profile p = profile(id);
        long[] counts = queries.listingCounts(id);
        ReviewService.Summary summary = reviews.summary(id);
        List<PublicProfile.ChipCount> chips = summary.chips().entrySet().stream()
                .map(e -> new PublicProfile.ChipCount(
                        e.getKey(), e.getKey().label(), e.getKey().positive(), e.getValue()))
                .toList();
        return new PublicProfile(
                p.id(),
                p.nickname(),
                p.region(),
                p.regionCode(),
                p.regionVerifiedAt(),
                p.mannerTemperature(),
                counts[0],
                counts[1],
                summary.count(),
                chips);
    }

    @GET
    @Path("{id}/reviews")
    @PermitAll
    @Operation(summary = "Reviews the user received (거래후기), newest first")
    @APIResponse(responseCode = "200", description = "One page of reviews")
    @APIResponse(responseCode = "400", description = "Invalid cursor or size")
    @APIResponse(responseCode = "404", description = "No such user")
    public Page<ReceivedReviewView> reviews(
            @PathParam("id") String id, @QueryParam("cursor") String cursor, @QueryParam("size") String size) {
        int n = Cursor.size(size);
        profile(id);
        Page<market.product.domain.ReceivedReview> page = reviews.received(id, cursor, n);
        return new Page<>(page.items().stream().map(ReceivedReviewView::of).toList(), page.nextCursor());
    }

    private Profile profile(String id) {
        Profile p = id.length() > 64 ? null : queries.profiles(List.of(id)).get(id);
        if (p == null) {
            throw ApiException.notFound("User");
        }
        return p;
    }
}
