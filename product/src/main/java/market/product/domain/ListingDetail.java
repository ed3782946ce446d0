package market.product.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** A listing as its detail page shows it, read in one statement (see {@code ProductStore#view}). */
public record ListingDetail(
        long id,
        String title,
        String description,
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
        List<Image> images,
        boolean liked,
        int likeCount,
        int chatCount,
        int commentCount,
        int viewCount,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime bumpedAt,
        int version,
        boolean hidden) {

    /** The same listing with its photos (the statement reads one row per photo). */
    public ListingDetail withImages(List<Image> photos) {
        return new ListingDetail(
                id,
                title,
                description,
                price,
                negotiable,
                category,
                region,
                regionCode,
                status,
                buyerId,
                sellerId,
                sellerNickname,
                sellerTemperature,
                photos,
                liked,
                likeCount,
                chatCount,
                commentCount,
                viewCount,
                createdAt,
                updatedAt,
                bumpedAt,
                version,
                hidden);
    }

    public record Image(long id, String objectKey, String thumbKey, int width, int height) {}
}
