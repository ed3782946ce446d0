package market.product.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import market.common.api.ApiException;
import market.common.api.Cursor;
import market.common.api.Page;
import market.common.db.Timestamps;
import market.product.domain.FeedQuery;
import market.product.domain.ListingSummary;
import market.product.domain.Profile;
import market.product.domain.Region;
import market.product.domain.RegionRange;
import market.product.storage.FeedStore;
import market.product.storage.LikeStore;
import market.product.storage.ProductStore;
import market.product.storage.ProfileStore;

/**
 * Read side of listings: the feed with keyset pagination (never OFFSET), search and my likes, each page one
 * statement that also brings sellers, thumbnails and the caller's likes ({@link FeedStore}); and the batched
 * look-ups (profiles, liked) for the other responses.
 */
@ApplicationScoped
public class ProductQueries {

    private final FeedStore feed;
    private final ProfileStore profiles;
    private final LikeStore likes;
    private final ProductStore products;
    private final Regions regions;

    public ProductQueries(
            FeedStore feed, ProfileStore profiles, LikeStore likes, ProductStore products, Regions regions) {
        this.regions = regions;
        this.feed = feed;
        this.profiles = profiles;
        this.likes = likes;
        this.products = products;
    }

    /**
     * One page of the feed, in one statement that also brings each row's seller, thumbnail and the caller's
     * like. {@code callerId} may be null (anonymous).
     */
    public Page<ListingSummary> feed(FeedQuery f, Range range, String cursor, int size, String callerId) {
        f = withRange(f, range, callerId);
        FeedQuery.Sort sort = f.sort() == null ? FeedQuery.Sort.LATEST : f.sort();
        Cursor c = Cursor.decode(cursor, 3);
        if (c != null && !sort.param().equals(c.stringAt(0))) {
            throw ApiException.badRequest("cursor", "the cursor belongs to another sort order");
        }
        FeedStore.After after = null;
        if (c != null) {
            Object key = switch (sort) {
                case LATEST -> Timestamps.fromMicros(c.longAt(1));
                case PRICE_ASC, PRICE_DESC -> c.longAt(1);
                case POPULAR -> (int) c.longAt(1);
            };
            after = new FeedStore.After(key, c.longAt(2));
        }
        List<ListingSummary> page = feed.feed(f, sort, after, size, callerId);
        return Page.of(page, size, p -> Cursor.encode(sort.param(), sortKey(sort, p), p.id()));
    }

    /** The feed's centre ({@code regionCode}, may be null) and range step (null: the default), as asked. */
    public record Range(String regionCode, Integer step) {}

    /**
     * Puts the 동 a range reaches into the query. A centre named by code takes the given step, else the caller's saved
     * range, else 1. Without one: a signed-in caller with a 동네 who names no place (no region name — "all" is
     * everywhere — and no seller) reads their own 동네 with the given or saved step; a step alone otherwise is 400.
     */
    private FeedQuery withRange(FeedQuery f, Range range, String callerId) {
        String name = f.region();
        boolean everywhere = "all".equals(name);
        FeedQuery plain = f.withPlace(null, everywhere ? null : name);
        if (range.regionCode() != null) {
            Region centre = regions.find(range.regionCode())
                    .orElseThrow(() -> ApiException.badRequest("regionCode", "is not a known 행정동 code"));
            // the caller's saved range is read only when the request gives no step
            Profile caller = range.step() != null || callerId == null
                    ? null
                    : profiles.find(callerId).orElse(null);
            int step = range.step() != null ? range.step() : caller != null ? caller.range() : RegionRange.DEFAULT;
            return plain.withPlace(regions.within(centre, step), plain.region());
        }
        // the caller's profile matters only when they name no place: a region name, "all" or a seller needs none
        boolean ownPlace = callerId != null && !everywhere && name == null && f.sellerId() == null;
        Profile caller = ownPlace ? profiles.find(callerId).orElse(null) : null;
        if (caller != null && caller.regionCode() != null) {
            Region centre = regions.find(caller.regionCode()).orElseThrow();
            int step = range.step() != null ? range.step() : caller.range();
            return plain.withPlace(regions.within(centre, step), plain.region());
        }
        if (range.step() != null) {
            throw ApiException.badRequest(
                    "range", "needs a centre: regionCode, or sign in with a 동네 (and name no region or seller)");
        }
        return plain;
    }

    private static Object sortKey(FeedQuery.Sort sort, ListingSummary p) {
        return switch (sort) {
            case LATEST -> Timestamps.micros(p.bumpedAt());
            case PRICE_ASC, PRICE_DESC -> p.price();
            case POPULAR -> p.likeCount();
        };
    }

    /** My liked listings, most recently liked first. */
    public Page<ListingSummary> likedBy(String userId, String cursor, int size) {
        return byEventTime(feed.likedBy(userId, after(cursor), size), size);
    }

    /**
     * 구매내역: the listings the user bought (the buyer of their trade), latest trade first. The liked flag is
     * the buyer's own like.
     */
    public Page<ListingSummary> purchasedBy(String userId, String cursor, int size) {
        return byEventTime(feed.purchasedBy(userId, after(cursor), size), size);
    }

    /** The keyset of a page ordered by the time of the user's event about each listing, then the listing id. */
    private static FeedStore.After after(String cursor) {
        Cursor c = Cursor.decode(cursor, 2);
        return c == null ? null : new FeedStore.After(Timestamps.fromMicros(c.longAt(0)), c.longAt(1));
    }

    private static Page<ListingSummary> byEventTime(List<FeedStore.Dated> rows, int size) {
        Page<FeedStore.Dated> page = Page.of(
                rows,
                size,
                d -> Cursor.encode(Timestamps.micros(d.at()), d.listing().id()));
        return new Page<>(page.items().stream().map(FeedStore.Dated::listing).toList(), page.nextCursor());
    }

    @Transactional
    public Map<String, Profile> profiles(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return profiles.byIds(ids.toArray(String[]::new)).stream()
                .collect(Collectors.toMap(Profile::id, Function.identity()));
    }

    /** Which of these listings the user likes; empty for anonymous callers. */
    @Transactional
    public Set<Long> likedAmong(String userId, Collection<Long> productIds) {
        if (userId == null || productIds.isEmpty()) {
            return Set.of();
        }
        return likes.likedAmong(
                userId, productIds.stream().mapToLong(Long::longValue).toArray());
    }

    /** onSaleCount (not yet sold) and soldCount of a seller's live listings. */
    @Transactional
    public long[] listingCounts(String sellerId) {
        return products.listingCounts(sellerId);
    }
}
