package market.product.api;

/**
 * The caller and a listing's reviews: {@code party} (seller or buyer of its trade), {@code canReview} (a party who
 * has not reviewed yet: the chat room's "후기를 남겨주세요" banner), and their review once written.
 */
public record MyReviewView(boolean party, boolean canReview, ReviewView review) {}
