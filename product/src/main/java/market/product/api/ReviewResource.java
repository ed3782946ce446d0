package market.product.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import market.product.domain.Review;
import market.product.service.ReviewService;
import jakarta.ws.rs.Produces;

@Path("/api/products/{id}/reviews")
@Produces(MediaType.APPLICATION_JSON)
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
    public Response review(@PathParam("id") long id, @Valid @NotNull ReviewInput body) {
        Review r = reviews.review(user.caller(), id, body.rating(), body.comment());
        return Response.status(201).entity(ReviewView.of(r)).build();
    }
}
