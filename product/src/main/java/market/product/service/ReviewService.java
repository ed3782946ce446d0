package market.product.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import market.common.api.ApiException;
import market.common.api.Cursor;
import market.common.api.Page;
import market.common.db.Timestamps;
import market.common.events.EventType;
import market.common.limits.Action;
import market.product.domain.Product;
import market.product.domain.Rating;
import market.product.domain.ReceivedReview;
import market.product.domain.Review;
import market.product.domain.ReviewChip;
import market.product.storage.OutboxStore;
import market.product.storage.ProfileStore;
import market.product.storage.ReviewStore;
import market.product.storage.TradeStore;

/**
 * 거래후기: the two parties of a listing's trade (its first sale to a buyer who chatted about it) each rate the
 * other once, with optional text and chips; anyone can read the reviews a user received.
 */
@ApplicationScoped
public class ReviewService {

    /** What the caller may do about a listing's reviews (the chat room's banner asks this). */
    public record MyReview(boolean party, boolean canReview, Review review) {}

    /** A user's received reviews in numbers: how many, and how often each chip was given. */
    public record Summary(long count, Map<ReviewChip, Long> chips) {}

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

    /**
     * Chips must fit the rating (positive ones with GREAT/GOOD, negative ones with BAD) and appear once each.
     * Checked before anything is read or written.
     */
    public static List<ReviewChip> validChips(Rating rating, List<ReviewChip> chips) {
        if (chips == null || chips.isEmpty()) {
            return List.of();
        }
        Set<ReviewChip> seen = EnumSet.noneOf(ReviewChip.class);
        for (ReviewChip c : chips) {
            if (c == null) {
                throw ApiException.badRequest("chips", "must not contain null");
            }
            if (!seen.add(c)) {
                throw ApiException.badRequest("chips", c.name() + " is given twice");
            }
            if (rating != null && !c.fits(rating)) {
                throw ApiException.badRequest(
                        "chips",
                        c.name()
                                + (c.positive()
                                        ? " is a positive chip; it needs GREAT or GOOD"
                                        : " needs a BAD rating"));
            }
        }
        return List.copyOf(chips);
    }

    @RateLimited(Action.REVIEW)
    @Transactional
    public Review review(Caller caller, long productId, Rating rating, String comment, List<ReviewChip> chips) {
        List<ReviewChip> valid = validChips(rating, chips);
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
                valid,
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

    /**
     * Whether the caller is a party of the listing's trade, may still review it, and their review if written.
     * Not a party (or no trade yet): all false, so a client can ask about any listing it shows.
     */
    @Transactional
    public MyReview mine(Caller caller, long productId) {
        products.findIncludingDeleted(productId);
        Optional<TradeStore.Parties> trade = trades.parties(productId);
        boolean party = trade.isPresent()
                && (caller.id().equals(trade.get().sellerId())
                        || caller.id().equals(trade.get().buyerId()));
        Review mine = party ? store.mine(productId, caller.id()).orElse(null) : null;
        return new MyReview(party, party && mine == null, mine);
    }

    /** Reviews the user received, newest first, keyset-paged on (createdAt, id). */
    @Transactional
    public Page<ReceivedReview> received(String userId, String cursor, int size) {
        Cursor c = Cursor.decode(cursor, 2);
        ReviewStore.After after =
                c == null ? null : new ReviewStore.After(Timestamps.fromMicros(c.longAt(0)), c.longAt(1));
        List<ReceivedReview> rows = store.received(userId, after, size + 1);
        return Page.of(rows, size, r -> Cursor.encode(Timestamps.micros(r.createdAt()), r.id()));
    }

    @Transactional
    public Summary summary(String userId) {
        return new Summary(store.countReceived(userId), store.chipCounts(userId));
    }
}
