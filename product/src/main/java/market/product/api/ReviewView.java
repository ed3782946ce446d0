package market.product.api;

import java.time.OffsetDateTime;
import java.util.List;
import market.product.domain.Rating;
import market.product.domain.Review;
import market.product.domain.ReviewChip;

public record ReviewView(
        long id,
        long productId,
        String reviewerId,
        String revieweeId,
        Rating rating,
        String comment,
        List<ReviewChip> chips,
        OffsetDateTime createdAt) {

    public static ReviewView of(Review r) {
        return new ReviewView(
                r.id(),
                r.productId(),
                r.reviewerId(),
                r.revieweeId(),
                r.rating(),
                r.comment(),
                r.chips(),
                r.createdAt());
    }
}
