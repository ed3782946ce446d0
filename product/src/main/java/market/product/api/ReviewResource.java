package market.product.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import market.product.domain.Review;
import market.product.service.ReviewService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/products/{id}/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reviews", description = "거래후기 between the two parties of a trade")
public class ReviewResource {

    private final ReviewService reviews;
    private final CurrentUser user;

    public ReviewResource(ReviewService reviews, CurrentUser user) {
        this.reviews = reviews;
        this.user = user;
    }

    @POST
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Review the other party of the listing's trade (once per side)")
    @SecurityRequirement(name = "bearer")
    @APIResponse(
            responseCode = "201",
            description = "The review",
            content = @Content(schema = @Schema(implementation = ReviewView.class)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not allowed for the caller")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "409", description = "Conflict")
    @APIResponse(responseCode = "422", description = "Refused by a business rule")
    @APIResponse(responseCode = "429", description = "Rate limited (Retry-After says when to retry)")
    public Response review(@PathParam("id") long id, @Valid @NotNull ReviewInput body) {
        Review r = reviews.review(user.caller(), id, body.rating(), body.comment(), body.chips());
        return Response.status(201).entity(ReviewView.of(r)).build();
    }

    @GET
    @Path("mine")
    @RolesAllowed("user")
    @Operation(summary = "Whether I am a party of the listing's trade, may still review it, and my review")
    @SecurityRequirement(name = "bearer")
    @APIResponse(responseCode = "200", description = "My part in the listing's reviews")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "404", description = "No such listing")
    public MyReviewView mine(@PathParam("id") long id) {
        ReviewService.MyReview m = reviews.mine(user.caller(), id);
        return new MyReviewView(m.party(), m.canReview(), m.review() == null ? null : ReviewView.of(m.review()));
    }
}
