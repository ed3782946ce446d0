package market.product.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One row of a listing page, read in one statement with its seller's profile (null fields when the seller
 * has none yet), the first photo's thumbnail key and whether the caller likes it. {@code hidden}: by moderation,
 * so only its seller (and admins) get it.
 */
public record ListingSummary(
        long id,
        String title,
        long price,
        boolean negotiable,
        String category,
        String region,
        String regionCode,
        ProductStatus status,
        String buyerId,
        String sellerId,
        String sellerNickname,
        BigDecimal sellerTemperature,
        String thumbKey,
        boolean liked,
        int likeCount,
        int chatCount,
        int commentCount,
        int viewCount,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime bumpedAt,
        int version,
        boolean hidden) {}
