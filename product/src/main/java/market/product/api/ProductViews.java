package market.product.api;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import market.product.domain.ProductStatus;

/** Response shapes of listings. */
public final class ProductViews {

    private ProductViews() {}

    public record Seller(String id, String nickname, BigDecimal mannerTemperature) {}

    public record Image(long id, String url, String thumbnailUrl, int width, int height) {}

    public record Detail(
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
            Seller seller,
            List<Image> images,
            int likeCount,
            int chatCount,
            int commentCount,
            int viewCount,
            boolean liked,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            OffsetDateTime bumpedAt,
            int version,
            boolean hidden) {}

    public record Summary(
            long id,
            String title,
            long price,
            boolean negotiable,
            String category,
            String region,
            String regionCode,
            ProductStatus status,
            String buyerId,
            Seller seller,
            String thumbnailUrl,
            int likeCount,
            int chatCount,
            int commentCount,
            int viewCount,
            boolean liked,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            OffsetDateTime bumpedAt,
            int version,
            boolean hidden) {}
}
