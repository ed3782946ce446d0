package market.product.domain;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A review as the reviewee's profile shows it: who wrote it (nickname null when their profile is gone), in which
 * role, about which listing.
 */
public record ReceivedReview(
        long id,
        long productId,
        String productTitle,
        String reviewerId,
        String reviewerNickname,
        Role reviewerRole,
        Rating rating,
        String comment,
        List<ReviewChip> chips,
        OffsetDateTime createdAt) {

    public enum Role {
        BUYER,
        SELLER
    }
}
