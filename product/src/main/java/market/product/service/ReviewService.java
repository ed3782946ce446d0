package market.product.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import market.common.api.ApiException;
import market.common.events.EventType;
import market.common.limits.Action;
import market.product.domain.Product;
import market.product.domain.Rating;
import market.product.domain.Review;

/**
 * 거래후기: the two parties of a listing's trade (its first sale to a buyer who chatted about it) each rate the
 * other once.
 */
@ApplicationScoped
public class ReviewService {

    private final EntityManager em;
    private final ProductService products;
    private final EventOutbox outbox;

    public ReviewService(EntityManager em, ProductService products, EventOutbox outbox) {
        this.em = em;
        this.products = products;
        this.outbox = outbox;
    }

    @RateLimited(Action.REVIEW)
    @Transactional
    public Review review(Caller caller, long productId, Rating rating, String comment) {
        // The row lock serialises both parties' reviews of one sale, so "once per side" holds under races.
        // A deleted listing's trade can still be reviewed: deleting it must not take the buyer's review away.
        Product p = products.lock(productId);
        @SuppressWarnings("unchecked")
        List<Object[]> trade = em.createNativeQuery("SELECT seller_id, buyer_id FROM trade WHERE product_id = :p")
                .setParameter("p", productId)
                .getResultList();
        String seller = trade.isEmpty() ? p.sellerId : (String) trade.get(0)[0];
        String buyer = trade.isEmpty() ? p.buyerId : (String) trade.get(0)[1];
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
        Number existing =
                (Number) em.createNativeQuery("SELECT count(*) FROM review WHERE product_id = :p AND reviewer_id = :r")
                        .setParameter("p", productId)
                        .setParameter("r", caller.id())
                        .getSingleResult();
        if (existing.longValue() > 0) {
            throw ApiException.conflict("You already reviewed this sale");
        }
        Review r = new Review();
        r.productId = productId;
        r.reviewerId = caller.id();
        r.revieweeId = reviewee;
        r.rating = rating;
        r.comment = comment == null || comment.isBlank() ? null : comment.strip();
        r.createdAt = Clock.now();
        em.persist(r);
        em.flush();
        // The other party may never have opened the app through this service: give them a profile.
        em.createNativeQuery("INSERT INTO user_profile (id, nickname) VALUES (:id, '이웃') ON CONFLICT (id) DO NOTHING")
                .setParameter("id", reviewee)
                .executeUpdate();
        em.createNativeQuery("""
                UPDATE user_profile SET manner_temperature =
                    least(:max, greatest(:min, manner_temperature + :delta)) WHERE id = :id""")
                .setParameter("max", Rating.MAX_TEMPERATURE)
                .setParameter("min", Rating.MIN_TEMPERATURE)
                .setParameter("delta", rating.delta())
                .setParameter("id", reviewee)
                .executeUpdate();
        outbox.publish(
                "review:" + r.id,
                EventType.REVIEW,
                reviewee,
                "거래 후기가 도착했어요",
                p.title + " 거래에 대한 후기를 받았어요",
                Map.of("productId", productId, "reviewId", r.id));
        return r;
    }
}
