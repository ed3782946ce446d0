package market.product.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;
import market.common.api.ApiException;
import market.common.events.EventType;
import market.common.limits.Action;
import market.product.domain.Product;
import market.product.domain.Rating;
import market.product.domain.Review;
import market.product.storage.OutboxStore;
import market.product.storage.ProfileStore;
import market.product.storage.ReviewStore;
import market.product.storage.TradeStore;

/**
 * 거래후기: the two parties of a listing's trade (its first sale to a buyer who chatted about it) each rate the
 * other once.
 */
@ApplicationScoped
public class ReviewService {

    private final ReviewStore store;
    private final TradeStore trades;
    private final ProfileStore profiles;
    private final ProductService products;
    private final OutboxStore outbox;

    public ReviewService(
            ReviewStore store, TradeStore trades, ProfileStore profiles, ProductService products, OutboxStore outbox) {
        this.store = store;
        this.trades = trades;
        this.profiles = profiles;
        this.products = products;
        this.outbox = outbox;
    }

    @RateLimited(Action.REVIEW)
    @Transactional
    public Review review(Caller caller, long productId, Rating rating, String comment) {
        // The row lock serialises both parties' reviews of one sale, so "once per side" holds under races.
        // A deleted listing's trade can still be reviewed: deleting it must not take the buyer's review away.
        Product p = products.lock(productId);
        Optional<TradeStore.Parties> trade = trades.parties(productId);
        String seller = trade.isEmpty() ? p.sellerId() : trade.get().sellerId();
        String buyer = trade.isEmpty() ? p.buyerId() : trade.get().buyerId();
        String reviewee;
        if (caller.id().equals(seller)) {
            reviewee = buyer;
        } else if (caller.id().equals(buyer)) {
            reviewee = seller;
        } else {
            throw ApiException.forbidden("Only the buyer and the seller of this sale can review it");
        }
        if (trade.isEmpty()) {
            throw ApiException.unprocessable("Reviews are possible once the listing is sold to a named buyer");
        }
        if (store.exists(productId, caller.id())) {
            throw ApiException.conflict("You already reviewed this sale");
        }
        Review r = store.insert(
                productId,
                caller.id(),
                reviewee,
                rating,
                comment == null || comment.isBlank() ? null : comment.strip(),
                Clock.now());
        // The other party may never have opened the app through this service: give them a profile.
        profiles.createIfMissing(reviewee, "이웃");
        profiles.rate(reviewee, rating);
        outbox.publish(
                "review:" + r.id(),
                EventType.REVIEW,
                reviewee,
                "거래 후기가 도착했어요",
                p.title() + " 거래에 대한 후기를 받았어요",
                Map.of("productId", productId, "reviewId", r.id()));
        return r;
    }
}
