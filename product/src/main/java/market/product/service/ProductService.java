package market.product.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import market.common.api.ApiException;
import market.common.events.EventType;
import market.common.limits.Action;
import market.product.domain.Category;
import market.product.domain.ChangedMeanwhile;
import market.product.domain.ListingDetail;
import market.product.domain.Product;
import market.product.domain.ProductStatus;
import market.product.storage.KeywordStore;
import market.product.storage.LikeStore;
import market.product.storage.OutboxStore;
import market.product.storage.ProductStore;
import market.product.storage.ReviewStore;
import market.product.storage.TradeStore;

/** Listing use cases: create, edit, status, bump, delete, view. Ownership is checked here. */
@ApplicationScoped
public class ProductService {

    /** Editable fields of a listing, already validated for shape by the API layer. */
    public record Fields(
            String title, String description, long price, boolean negotiable, String category, String region) {}

    private final ProductStore store;
    private final TradeStore trades;
    private final ReviewStore reviews;
    private final KeywordStore keywords;
    private final LikeStore likes;
    private final ProfileService profiles;
    private final OutboxStore outbox;
    private final ImageCleanup cleanup;

    public ProductService(
            ProductStore store,
            TradeStore trades,
            ReviewStore reviews,
            KeywordStore keywords,
            LikeStore likes,
            ProfileService profiles,
            OutboxStore outbox,
            ImageCleanup cleanup) {
        this.store = store;
        this.trades = trades;
        this.reviews = reviews;
        this.keywords = keywords;
        this.likes = likes;
        this.profiles = profiles;
        this.outbox = outbox;
        this.cleanup = cleanup;
    }

    @RateLimited(Action.LISTING)
    @Transactional
    public Product create(Caller caller, Fields f) {
        profiles.me(caller.id(), caller.username());
        OffsetDateTime now = Clock.now();
        Product p = store.insert(
                caller.id(),
                f.title().strip(),
                f.description().strip(),
                f.price(),
                f.negotiable(),
                category(f.category()).code(),
                f.region().strip(),
                now);
        notifyKeywordWatchers(p);
        return p;
    }

    @Transactional
    public Product update(Caller caller, long id, Fields f, int expectedVersion, boolean viaIfMatch) {
        Product old = lockOwned(caller, id);
        checkVersion(old, expectedVersion, viaIfMatch);
        Product p = store.update(
                        id,
                        f.title().strip(),
                        f.description().strip(),
                        f.price(),
                        f.negotiable(),
                        category(f.category()).code(),
                        f.region().strip(),
                        Clock.now(),
                        old.version())
                .orElseThrow(() -> changedMeanwhile(id));
        if (p.price() < old.price()) {
            notifyPriceDrop(p, old.price());
        }
        return p;
    }

    /**
     * 판매중 / 예약중 / 거래완료. RESERVED and SOLD may name the buyer, who must be someone who opened a chat about
     * this listing; the buyer hears about it (TRADE). The first sale to a named buyer is the listing's trade,
     * which reviews belong to: until a party has reviewed, the seller may correct the buyer or undo the sale;
     * after that the trade is final and later status changes never open a second round of reviews.
     */
    @Transactional
    public Product changeStatus(
            Caller caller, long id, ProductStatus status, String buyerId, Integer expectedVersion, boolean viaIfMatch) {
        Product old = lockOwned(caller, id);
        if (expectedVersion != null) {
            checkVersion(old, expectedVersion, viaIfMatch);
        }
        if (buyerId != null && status == ProductStatus.ON_SALE) {
            throw ApiException.badRequest("buyerId", "a listing on sale has no buyer");
        }
        if (buyerId != null && buyerId.equals(old.sellerId())) {
            throw ApiException.unprocessable("The seller can not be the buyer");
        }
        if (buyerId != null && !trades.chatted(old.id(), buyerId)) {
            throw ApiException.unprocessable("The buyer must be someone who chatted with you about this listing");
        }
        boolean changed = old.status() != status || !Objects.equals(old.buyerId(), buyerId);
        Product p = store.changeStatus(
                        id, status, status == ProductStatus.ON_SALE ? null : buyerId, Clock.now(), old.version())
                .orElseThrow(() -> changedMeanwhile(id));
        boolean reviewable = recordTrade(p);
        if (changed && p.buyerId() != null) {
            notifyBuyer(profiles.me(caller.id(), caller.username()).nickname(), p, reviewable);
        }
        return p;
    }

    /**
     * For chat, when a seller accepts a price offer with a reservation: 예약중 for the buyer of that room. product
     * learns of the room first if it had not yet (the report may still be on its way), so the buyer is one who
     * chatted, as for {@link #changeStatus}. Idempotent: already reserved for this buyer changes nothing. A sold
     * listing, or one reserved for someone else, is a 409 (the seller changes that on the listing first); a
     * deleted one 404. The listing row is locked and the versioned update used, as for the seller's own change.
     */
    @Transactional
    public Product reserveFor(long id, long roomId, String buyerId) {
        Product old = lockLive(id);
        if (buyerId.equals(old.sellerId())) {
            throw ApiException.unprocessable("The seller can not be the buyer");
        }
        if (trades.recordChat(id, roomId, buyerId)) {
            store.countChat(id);
        }
        if (old.status() == ProductStatus.RESERVED && buyerId.equals(old.buyerId())) {
            return old;
        }
        if (old.status() != ProductStatus.ON_SALE) {
            throw ApiException.conflict("The listing is " + old.status() + "; it can not be reserved for this buyer");
        }
        Product p = store.changeStatus(id, ProductStatus.RESERVED, buyerId, Clock.now(), old.version())
                .orElseThrow(() -> changedMeanwhile(id));
        boolean reviewable = recordTrade(p);
        String seller = profiles.me(p.sellerId(), null).nickname();
        notifyBuyer(seller, p, reviewable);
        return p;
    }

    /**
     * Keeps the listing's one trade in step with its status (the listing row is locked by the caller). True when
     * the listing's buyer can now review it.
     */
    private boolean recordTrade(Product p) {
        if (reviews.anyFor(p.id())) {
            return p.buyerId() != null && trades.isWith(p.id(), p.buyerId());
        }
        if (p.status() == ProductStatus.SOLD && p.buyerId() != null) {
            trades.recordSale(p.id(), p.sellerId(), p.buyerId(), p.updatedAt());
            return true;
        }
        trades.forget(p.id());
        return false;
    }

    /**
     * Once per listing, buyer and status (notify drops a repeated key), so toggling a reservation cannot flood a
     * chat partner with pushes. Only a buyer who can review is asked to.
     */
    private void notifyBuyer(String seller, Product p, boolean reviewable) {
        boolean sold = p.status() == ProductStatus.SOLD;
        String body = !sold
                ? seller + "님이 " + p.title() + " 거래를 예약했어요."
                : reviewable
                        ? seller + "님과 " + p.title() + " 거래가 완료되었어요. 거래 후기를 남겨주세요."
                        : seller + "님과 " + p.title() + " 거래가 완료되었어요.";
        outbox.publish(
                "trade:" + p.id() + ":" + p.buyerId() + ":" + p.status(),
                EventType.TRADE,
                p.buyerId(),
                sold ? "거래완료" : "예약중",
                body,
                Map.of("productId", p.id(), "status", p.status().name()));
    }

    /** 끌어올리기: moves the listing to the top of the feed, at most once per 24 hours. */
    @Transactional
    public Product bump(Caller caller, long id) {
        Product p = lockOwned(caller, id);
        if (p.status() == ProductStatus.SOLD) {
            throw ApiException.unprocessable("A sold listing can not be bumped");
        }
        OffsetDateTime now = Clock.now();
        if (now.isBefore(p.nextBumpAt())) {
            long wait = Math.max(1, Duration.between(now, p.nextBumpAt()).toSeconds());
            throw ApiException.tooManyRequests("A listing can be bumped once every 24 hours", wait);
        }
        return store.bump(id, now, p.version()).orElseThrow(() -> changedMeanwhile(id));
    }

    /** Soft delete by the owner or an admin; the photos are queued for removal from the bucket. */
    @Transactional
    public void delete(Caller caller, long id) {
        Product p = lockLive(id);
        if (!p.isOwnedBy(caller.id()) && !caller.admin()) {
            throw ApiException.forbidden("Only the seller or an admin can delete this listing");
        }
        if (!store.softDelete(id, Clock.now(), p.version())) {
            throw changedMeanwhile(id);
        }
        cleanup.forgetAllImages(p.id());
    }

    /**
     * The listing with its seller, photos and the caller's like, counting a view unless this viewer was
     * counted within the last hour or is the seller: one statement on an autocommit connection (no transaction).
     */
    public ListingDetail view(long id, String viewerKey, String callerId) {
        return store.view(id, viewerKey, callerId).orElseThrow(() -> ApiException.notFound("Product " + id));
    }

    /** A listing that is not deleted, or 404. */
    @Transactional
    public Product find(long id) {
        return live(store.find(id).orElse(null), id);
    }

    /** A listing, deleted or not, or 404 when it never existed. */
    @Transactional
    public Product findIncludingDeleted(long id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    /** Locks a listing, deleted or not (a sale's parties may still review it), or 404 when it never existed. */
    Product lock(long id) {
        return store.lock(id).orElseThrow(() -> notFound(id));
    }

    Product lockLive(long id) {
        return live(store.lock(id).orElse(null), id);
    }

    private static Product live(Product p, long id) {
        if (p == null || p.deletedAt() != null) {
            throw notFound(id);
        }
        return p;
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("Product " + id);
    }

    private static ChangedMeanwhile changedMeanwhile(long id) {
        return new ChangedMeanwhile("Product " + id);
    }

    Product lockOwned(Caller caller, long id) {
        Product p = lockLive(id);
        if (!p.isOwnedBy(caller.id())) {
            throw ApiException.forbidden("Only the seller can change this listing");
        }
        return p;
    }

    private static void checkVersion(Product p, int expected, boolean viaIfMatch) {
        if (expected != p.version()) {
            if (viaIfMatch) {
                throw new ApiException(
                        412, "Precondition Failed", "The listing was changed meanwhile (version " + p.version() + ")");
            }
            throw ApiException.conflict("The listing was changed meanwhile (version " + p.version() + ")");
        }
    }

    static Category category(String code) {
        try {
            return Category.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("category", "unknown category");
        }
    }

    private void notifyKeywordWatchers(Product p) {
        for (KeywordStore.Watcher w : keywords.watchers(p.region(), p.sellerId(), p.title())) {
            outbox.publish(
                    "keyword:" + p.id() + ":" + w.userId(),
                    EventType.KEYWORD_MATCH,
                    w.userId(),
                    "'" + w.keyword() + "' 키워드 알림",
                    p.region() + " · " + p.title(),
                    Map.of("productId", p.id(), "keyword", w.keyword()));
        }
    }

    private void notifyPriceDrop(Product p, long oldPrice) {
        for (String userId : likes.likers(p.id(), p.sellerId())) {
            outbox.publish(
                    "price-drop:" + p.id() + ":" + p.version() + ":" + userId,
                    EventType.PRICE_DROP,
                    userId,
                    "관심상품 가격 인하",
                    p.title() + " " + oldPrice + "원 → " + p.price() + "원",
                    Map.of("productId", p.id(), "oldPrice", oldPrice, "price", p.price()));
        }
    }
}
