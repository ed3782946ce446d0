package market.product.domain;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * A listing as its row stores it. The counters are maintained by single-statement SQL increments and are never
 * written back from a read row, so an edit can not overwrite likes or views that happened meanwhile; every other
 * change names its columns and bumps {@code version} (optimistic locking, ETag/If-Match).
 */
public record Product(
        long id,
        String sellerId,
        String title,
        String description,
        long price,
        boolean negotiable,
        String category,
        String region,
        String regionCode,
        ProductStatus status,
        String buyerId,
        int likeCount,
        int chatCount,
        int commentCount,
        int viewCount,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime bumpedAt,
        OffsetDateTime deletedAt,
        int version,
        OffsetDateTime hiddenAt) {

    public static final long MAX_PRICE = 1_000_000_000L;
    public static final Duration BUMP_INTERVAL = Duration.ofHours(24);

    public boolean isOwnedBy(String userId) {
        return sellerId.equals(userId);
    }

    /** Who bought (or reserved) a listing is the two parties' business: anyone else sees no buyer. */
    public static String buyerShownTo(String sellerId, String buyerId, String callerId) {
        return callerId != null && (callerId.equals(sellerId) || callerId.equals(buyerId)) ? buyerId : null;
    }

    /** When the next 끌어올리기 is allowed. */
    public OffsetDateTime nextBumpAt() {
        return bumpedAt.plus(BUMP_INTERVAL);
    }
}
