package market.product.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import market.common.api.Page;
import market.product.domain.ListingDetail;
import market.product.domain.ListingSummary;
import market.product.domain.Product;
import market.product.domain.ProductImage;
import market.product.domain.Profile;
import market.product.service.ProductQueries;

/** Builds listing responses; pages and the detail view arrive with seller, thumbnails and likes already read. */
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
        Profile seller = queries.profiles(List.of(p.sellerId())).get(p.sellerId());
        boolean liked = queries.likedAmong(callerId, List.of(p.id())).contains(p.id());
        List<ProductViews.Image> imgs = images.stream()
                .map(i -> new ProductViews.Image(
                        i.id(), imageUrl(i.objectKey()), imageUrl(i.thumbKey()), i.width(), i.height()))
                .toList();
        return new ProductViews.Detail(
                p.id(),
                p.title(),
                p.description(),
                p.price(),
                p.negotiable(),
                p.category(),
                p.region(),
                p.regionCode(),
                p.status(),
                Product.buyerShownTo(p.sellerId(), p.buyerId(), callerId),
                seller(p.sellerId(), seller),
                imgs,
                p.likeCount(),
                p.chatCount(),
                p.commentCount(),
                p.viewCount(),
                liked,
                p.createdAt(),
                p.updatedAt(),
                p.bumpedAt(),
                p.version(),
                p.hiddenAt() != null);
    }

    /** The detail read by {@code ProductService.view} (seller, photos and liked already in it). */
    public ProductViews.Detail detail(ListingDetail d, String callerId) {
        List<ProductViews.Image> imgs = d.images().stream()
                .map(i -> new ProductViews.Image(
                        i.id(), imageUrl(i.objectKey()), imageUrl(i.thumbKey()), i.width(), i.height()))
                .toList();
        return new ProductViews.Detail(
                d.id(),
                d.title(),
                d.description(),
                d.price(),
                d.negotiable(),
                d.category(),
                d.region(),
                d.regionCode(),
                d.status(),
                Product.buyerShownTo(d.sellerId(), d.buyerId(), callerId),
                seller(d.sellerId(), d.sellerNickname(), d.sellerTemperature()),
                imgs,
                d.likeCount(),
                d.chatCount(),
                d.commentCount(),
                d.viewCount(),
                d.liked(),
                d.createdAt(),
                d.updatedAt(),
                d.bumpedAt(),
                d.version(),
                d.hidden());
    }

    public Page<ProductViews.Summary> page(Page<ListingSummary> page, String callerId) {
        List<ProductViews.Summary> items = new ArrayList<>(page.items().size());
        for (ListingSummary p : page.items()) {
            items.add(new ProductViews.Summary(
                    p.id(),
                    p.title(),
                    p.price(),
                    p.negotiable(),
                    p.category(),
                    p.region(),
                    p.regionCode(),
                    p.status(),
                    Product.buyerShownTo(p.sellerId(), p.buyerId(), callerId),
                    seller(p.sellerId(), p.sellerNickname(), p.sellerTemperature()),
                    p.thumbKey() == null ? null : imageUrl(p.thumbKey()),
                    p.likeCount(),
                    p.chatCount(),
                    p.commentCount(),
                    p.viewCount(),
                    p.liked(),
                    p.createdAt(),
                    p.updatedAt(),
                    p.bumpedAt(),
                    p.version(),
                    p.hidden()));
        }
        return new Page<>(items, page.nextCursor());
    }

    /** A seller without a profile yet shows as 이웃 with the starting temperature. */
    private static ProductViews.Seller seller(String id, String nickname, BigDecimal temperature) {
        return nickname == null
                ? new ProductViews.Seller(id, "이웃", Profile.INITIAL_TEMPERATURE)
                : new ProductViews.Seller(id, nickname, temperature);
    }

    private static ProductViews.Seller seller(String id, Profile p) {
        return p == null ? seller(id, null, null) : seller(p.id(), p.nickname(), p.mannerTemperature());
    }
}
