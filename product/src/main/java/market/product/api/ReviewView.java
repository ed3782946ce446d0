package market.product.api;

import java.time.OffsetDateTime;
import market.product.domain.Rating;
import market.product.domain.Review;

public record ReviewView(
        long id,
        long productId,
        String reviewerId,
        String revieweeId,
        Rating rating,
        String comment,
        OffsetDateTime createdAt) {

    public static ReviewView of(Review r) {
        return new ReviewView(
                r.id(), r.productId(), r.reviewerId(), r.revieweeId(), r.rating(), r.comment(), r.createdAt());
    }
}
