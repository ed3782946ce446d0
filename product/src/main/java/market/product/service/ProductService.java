package market.product.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import market.common.api.ApiException;
import market.common.events.EventType;
import market.common.limits.Action;
import market.product.config.RegionConfig;
import market.product.domain.Category;
import market.product.domain.ChangedMeanwhile;
import market.product.domain.ListingDetail;
import market.product.domain.Product;
import market.product.domain.ProductStatus;
import market.product.domain.Profile;
import market.product.domain.Region;
import market.product.domain.RegionRange;
import market.product.storage.KeywordStore;
import market.product.storage.LikeStore;
import market.product.storage.OutboxStore;
import market.product.storage.ProductStore;
import market.product.storage.ReviewStore;
import market.product.storage.TradeStore;

/** Listing use cases: create, edit, status, bump, delete, view. Ownership is checked here. */
@ApplicationScoped
public class ProductService {

    /**
     * Editable fields of a listing, already validated for shape by the API layer. {@code regionCode} and the
     * deprecated 동 name {@code region} are optional: see {@link #regionOf}.
     */
    public record Fields(
            String title,
            String description,
            long price,
            boolean negotiable,
            String category,
            String regionCode,
            String region) {}

    private final ProductStore store;
    private final TradeStore trades;
    private final ReviewStore reviews;
    private final KeywordStore keywords;
    private final LikeStore likes;
    private final ProfileService profiles;
    private final OutboxStore outbox;
    private final ImageCleanup cleanup;
    private final ProhibitedWords prohibited;

    private final Regions regions;
    private final RegionConfig regionConfig;

    public ProductService(
            Regions regions,
            RegionConfig regionConfig,
            ProductStore store,
            TradeStore trades,
            ReviewStore reviews,
            KeywordStore keywords,
            LikeStore likes,
            ProfileService profiles,
            OutboxStore outbox,
            ImageCleanup cleanup,
            ProhibitedWords prohibited) {
        this.regions = regions;
        this.regionConfig = regionConfig;
        this.store = store;
        this.trades = trades;
        this.reviews = reviews;
        this.keywords = keywords;
        this.likes = likes;
        this.profiles = profiles;
        this.outbox = outbox;
        this.cleanup = cleanup;
        this.prohibited = prohibited;
    }

    @RateLimited(Action.LISTING)
    @Transactional
    public Product create(Caller caller, Fields f) {
        prohibited.check(f.title(), f.description());
        Region region = regionOf(profiles.me(caller.id(), caller.username()), f, null);
        OffsetDateTime now = Clock.now();
        Product p = store.insert(
                caller.id(),
                f.title().strip(),
                f.description().strip(),
                f.price(),
                f.negotiable(),
                category(f.category()).code(),
                region.dong(),
                region.code(),
                now);
        notifyKeywordWatchers(p);
        return p;
    }

    @Transactional
    public Product update(Caller caller, long id, Fields f, int expectedVersion, boolean viaIfMatch) {
        Product old = lockOwned(caller, id);
        checkVersion(old, expectedVersion, viaIfMatch);
        prohibited.check(f.title(), f.description());
        Region region = regionOf(profiles.me(caller.id(), caller.username()), f, old);
        Product p = store.update(
                        id,
                        f.title().strip(),
                        f.description().strip(),
                        f.price(),
                        f.negotiable(),
                        category(f.category()).code(),
                        region == null ? old.region() : region.dong(),
                        region == null ? old.regionCode() : region.code(),
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
            if (reviewable && p.status() == ProductStatus.SOLD) {
                askForReviews(caller, p);
            } else {
                notifyBuyer(profiles.me(caller.id(), caller.username()).nickname(), p, false);
            }
        }
        return p;
    }

    /**
     * 거래완료 that opens the trade's round of reviews: each party is asked to review the other (REVIEW_REQUEST,
     * which for the buyer also tells the sale, so no TRADE besides). Once per listing, buyer and recipient.
     */
    private void askForReviews(Caller caller, Product p) {
        String seller = profiles.me(caller.id(), caller.username()).nickname();
        String key = "review-request:" + p.id() + ":" + p.buyerId() + ":";
        Map<String, Object> data =
                Map.of("productId", p.id(), "status", p.status().name());
        outbox.publish(
                key + p.buyerId(),
                EventType.REVIEW_REQUEST,
                p.buyerId(),
                "거래완료",
                seller + "님과 " + p.title() + " 거래가 완료되었어요. 거래 후기를 남겨주세요.",
                data);
        outbox.publish(
                key + p.sellerId(),
                EventType.REVIEW_REQUEST,
                p.sellerId(),
                "거래완료",
                p.title() + " 거래가 완료되었어요. 구매자에게 거래 후기를 남겨주세요.",
                data);
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
     * A listing hidden by moderation is a 404 for everyone but its seller and admins.
     */
    public ListingDetail view(long id, String viewerKey, String callerId, boolean admin) {
        return store.view(id, viewerKey, callerId, admin).orElseThrow(() -> ApiException.notFound("Product " + id));
    }

    /** A listing that is not deleted, or 404. */
    @Transactional
    public Product find(long id) {
        return live(store.find(id).orElse(null), id);
    }

    /** A listing the caller may see: not deleted, and if hidden by moderation only for its seller and admins. */
    @Transactional
    public Product findVisible(Caller caller, long id) {
        Product p = find(id);
        if (p.hiddenAt() != null && !p.isOwnedBy(caller.id()) && !caller.admin()) {
            throw notFound(id);
        }
        return p;
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

    /**
     * The region a listing is (created or edited) in. With verification required (the default): a new listing is in
     * the seller's verified 동네 (422 without one) and an edit keeps its region; a {@code regionCode} naming another
     * 동 is a 422 and a 동 name in {@code region} (today's clients) is not needed and not checked. Without it
     * (development, tests): {@code regionCode}, else the one 행정동 with the name in {@code region}, else the
     * seller's 동네; an edit without either keeps the listing's region (null = keep).
     */
    private Region regionOf(Profile seller, Fields f, Product old) {
        if (regionConfig.requireVerified()) {
            String home = seller.regionVerifiedAt() == null ? null : seller.regionCode();
            String code = old != null ? old.regionCode() : home;
            if (old == null && home == null) {
                throw ApiException.unprocessable("Verify your 동네 (동네 인증) before you list something");
            }
            if (f.regionCode() != null && !f.regionCode().equals(code)) {
                throw ApiException.unprocessable(
                        old == null
                                ? "A listing goes in your verified 동네 (" + seller.region() + ")"
                                : "A listing stays in the 동네 it was listed in");
            }
            return code == null ? null : regions.find(code).orElseThrow();
        }
        if (f.regionCode() != null) {
            return regions.find(f.regionCode())
                    .filter(r -> !r.retired())
                    .orElseThrow(
                            () -> ApiException.badRequest("regionCode", "is not a known 행정동 code (see /api/regions)"));
        }
        if (f.region() != null && !f.region().isBlank()) {
            Optional<Region> named = regions.uniqueByName(f.region());
            if (named.isPresent()) {
                return named.get();
            }
        }
        if (old != null) {
            return null;
        }
        return regions.find(seller.regionCode())
                .orElseThrow(() -> ApiException.badRequest(
                        "regionCode", "is required: choose the listing's 동 (see /api/regions) or set your 동네"));
    }

    static Category category(String code) {
        try {
            return Category.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("category", "unknown category");
        }
    }

    private void notifyKeywordWatchers(Product p) {
        Optional<Region> at = regions.find(p.regionCode());
        if (at.isEmpty()) {
            return;
        }
        // candidates: users whose 동네 is within the widest range; each keeps only what their own range reaches
        String[] near = regions.within(at.get(), RegionRange.MAX);
        for (KeywordStore.Watcher w : keywords.watchers(near, p.sellerId(), p.title())) {
            if (!regions.reaches(w.regionCode(), w.range(), p.regionCode())) {
                continue;
            }
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
        for (LikeStore.Liker liker : likes.likers(p.id(), p.sellerId())) {
            // a liker whose range does not reach the listing (they moved) is not told; one without a 동네 is
            if (liker.regionCode() != null
                    && p.regionCode() != null
                    && !regions.reaches(liker.regionCode(), liker.range(), p.regionCode())) {
                continue;
            }
            String userId = liker.userId();
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
