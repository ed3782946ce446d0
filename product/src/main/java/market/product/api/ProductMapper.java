package market.product.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import market.common.api.Page;
import market.product.domain.Product;
import market.product.domain.ProductImage;
import market.product.domain.Profile;
import market.product.service.ProductQueries;

/** Builds listing responses, fetching sellers, thumbnails and the caller's likes per page in one go. */
@ApplicationScoped
public class ProductMapper {

    private final ProductQueries queries;

    public ProductMapper(ProductQueries queries) {
        this.queries = queries;
    }

    static String imageUrl(String key) {
        return "/api/images/" + key;
    }

    public ProductViews.Detail detail(Product p, List<ProductImage> images, String callerId) {
        Profile seller = queries.profiles(List.of(p.sellerId)).get(p.sellerId);
        boolean liked = queries.likedAmong(callerId, List.of(p.id)).contains(p.id);
        List<ProductViews.Image> imgs = images.stream().map(i -> new ProductViews.Image(i.id, imageUrl(i.objectKey),
                imageUrl(i.thumbKey), i.width, i.height)).toList();
        return new ProductViews.Detail(p.id, p.title, p.description, p.price, p.negotiable, p.category, p.region,
                p.status, p.buyerId, seller(p.sellerId, seller), imgs, p.likeCount, p.chatCount, p.commentCount,
                p.viewCount, liked, p.createdAt, p.updatedAt, p.bumpedAt, p.version);
    }

    public Page<ProductViews.Summary> page(Page<Product> page, String callerId) {
        List<Long> ids = page.items().stream().map(p -> p.id).toList();
        Map<String, Profile> sellers = queries.profiles(page.items().stream().map(p -> p.sellerId).distinct().toList());
        Map<Long, String> thumbs = queries.thumbnails(ids);
        Set<Long> liked = queries.likedAmong(callerId, ids);
        List<ProductViews.Summary> items = page.items().stream().map(p -> new ProductViews.Summary(p.id, p.title,
                p.price, p.negotiable, p.category, p.region, p.status, p.buyerId,
                seller(p.sellerId, sellers.get(p.sellerId)),
                thumbs.containsKey(p.id) ? imageUrl(thumbs.get(p.id)) : null, p.likeCount, p.chatCount,
                p.commentCount, p.viewCount, liked.contains(p.id), p.createdAt, p.updatedAt, p.bumpedAt, p.version))
                .toList();
        return new Page<>(items, page.nextCursor());
    }

    private static ProductViews.Seller seller(String id, Profile p) {
        return p == null ? new ProductViews.Seller(id, "이웃", Profile.INITIAL_TEMPERATURE)
                : new ProductViews.Seller(p.id, p.nickname, p.mannerTemperature);
    }
}
