package market.product.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import market.product.domain.ProductStatus;

/** A listing as its detail page shows it, read in one statement (see {@link ProductService#view}). */
public record ListingDetail(
        long id,
        String title,
        String description,
        long price,
        boolean negotiable,
        String category,
        String region,
        ProductStatus status,
        String buyerId,
        String sellerId,
        String sellerNickname,
        BigDecimal sellerTemperature,
        List<Image> images,
        boolean liked,
        int likeCount,
        int chatCount,
        int commentCount,
        int viewCount,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime bumpedAt,
        int version) {

    public record Image(long id, String objectKey, String thumbKey, int width, int height) {}
}
