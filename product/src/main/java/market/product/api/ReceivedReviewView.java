package market.product.api;

import java.time.OffsetDateTime;
import java.util.List;
import market.product.domain.Rating;
import market.product.domain.ReceivedReview;
import market.product.domain.ReviewChip;

/** A review on the reviewee's profile: who wrote it (as buyer or seller) about which listing. */
public record ReceivedReviewView(
        long id,
        Rating rating,
        String comment,
        List<ReviewChip> chips,
        Reviewer reviewer,
        ReceivedReview.Role reviewerRole,
        Listing product,
        OffsetDateTime createdAt) {

    /** nickname "탈퇴한 사용자" when the reviewer's profile is gone. */
    public record Reviewer(String id, String nickname) {}

    public record Listing(long id, String title) {}

    static final String GONE = "탈퇴한 사용자";

    public static ReceivedReviewView of(ReceivedReview r) {
        return new ReceivedReviewView(
                r.id(),
                r.rating(),
                r.comment(),
                r.chips(),
                new Reviewer(r.reviewerId(), r.reviewerNickname() == null ? GONE : r.reviewerNickname()),
                r.reviewerRole(),
                new Listing(r.productId(), r.productTitle()),
                r.createdAt());
    }
}
