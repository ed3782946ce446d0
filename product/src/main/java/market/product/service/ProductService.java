package market.product.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import market.common.api.ApiException;
import market.common.events.EventType;
import market.common.limits.Action;
import market.product.domain.Category;
import market.product.domain.Product;
import market.product.domain.ProductStatus;

/** Listing use cases: create, edit, status, bump, delete, view. Ownership is checked here. */
@ApplicationScoped
public class ProductService {

    /** Editable fields of a listing, already validated for shape by the API layer. */
    public record Fields(
            String title, String description, long price, boolean negotiable, String category, String region) {}

    private final EntityManager em;
    private final DataSource dataSource;
    private final ProfileService profiles;
    private final EventOutbox outbox;
    private final ImageCleanup cleanup;

    public ProductService(
            EntityManager em,
            AgroalDataSource dataSource,
            ProfileService profiles,
            EventOutbox outbox,
            ImageCleanup cleanup) {
        this.em = em;
        this.dataSource = dataSource;
        this.profiles = profiles;
        this.outbox = outbox;
        this.cleanup = cleanup;
    }

    @RateLimited(Action.LISTING)
    @Transactional
    public Product create(Caller caller, Fields f) {
        profiles.me(caller.id(), caller.username());
        OffsetDateTime now = Clock.now();
        Product p = new Product();
        p.sellerId = caller.id();
        apply(p, f);
        p.createdAt = now;
        p.updatedAt = now;
        p.bumpedAt = now;
        em.persist(p);
        em.flush();
        notifyKeywordWatchers(p);
        return p;
    }

    @Transactional
    public Product update(Caller caller, long id, Fields f, int expectedVersion, boolean viaIfMatch) {
        Product p = lockOwned(caller, id);
        checkVersion(p, expectedVersion, viaIfMatch);
        long oldPrice = p.price;
        apply(p, f);
        p.updatedAt = Clock.now();
        em.flush();
        if (p.price < oldPrice) {
            notifyPriceDrop(p, oldPrice);
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
        Product p = lockOwned(caller, id);
        if (expectedVersion != null) {
            checkVersion(p, expectedVersion, viaIfMatch);
        }
        if (buyerId != null && status == ProductStatus.ON_SALE) {
            throw ApiException.badRequest("buyerId", "a listing on sale has no buyer");
        }
        if (buyerId != null && buyerId.equals(p.sellerId)) {
            throw ApiException.unprocessable("The seller can not be the buyer");
        }
        if (buyerId != null && !chatted(p.id, buyerId)) {
            throw ApiException.unprocessable("The buyer must be someone who chatted with you about this listing");
        }
        boolean changed = p.status != status || !java.util.Objects.equals(p.buyerId, buyerId);
        p.status = status;
        p.buyerId = status == ProductStatus.ON_SALE ? null : buyerId;
        p.updatedAt = Clock.now();
        em.flush();
        boolean reviewable = recordTrade(p);
        if (changed && p.buyerId != null) {
            notifyBuyer(caller, p, reviewable);
        }
        return p;
    }

    private boolean chatted(long productId, String buyerId) {
        return !em.createNativeQuery("SELECT 1 FROM product_chat WHERE product_id = :p AND buyer_id = :b LIMIT 1")
                .setParameter("p", productId)
                .setParameter("b", buyerId)
                .getResultList()
                .isEmpty();
    }

    /**
     * Keeps the listing's one trade in step with its status (the listing row is locked by the caller). True when
     * the listing's buyer can now review it.
     */
    private boolean recordTrade(Product p) {
        boolean reviewed = !em.createNativeQuery("SELECT 1 FROM review WHERE product_id = :p LIMIT 1")
                .setParameter("p", p.id)
                .getResultList()
                .isEmpty();
        if (reviewed) {
            return p.buyerId != null
                    && !em.createNativeQuery("SELECT 1 FROM trade WHERE product_id = :p AND buyer_id = :b")
                            .setParameter("p", p.id)
                            .setParameter("b", p.buyerId)
                            .getResultList()
                            .isEmpty();
        }
        if (p.status == ProductStatus.SOLD && p.buyerId != null) {
            em.createNativeQuery("""
                    INSERT INTO trade (product_id, seller_id, buyer_id, completed_at) VALUES (:p, :s, :b, :at)
                    ON CONFLICT (product_id) DO UPDATE SET buyer_id = EXCLUDED.buyer_id,
                        completed_at = EXCLUDED.completed_at
                    WHERE trade.buyer_id <> EXCLUDED.buyer_id""")
                    .setParameter("p", p.id)
                    .setParameter("s", p.sellerId)
                    .setParameter("b", p.buyerId)
                    .setParameter("at", p.updatedAt)
                    .executeUpdate();
            return true;
        }
        em.createNativeQuery("DELETE FROM trade WHERE product_id = :p")
                .setParameter("p", p.id)
                .executeUpdate();
        return false;
    }

    /**
     * Once per listing, buyer and status (notify drops a repeated key), so toggling a reservation cannot flood a
     * chat partner with pushes. Only a buyer who can review is asked to.
     */
    private void notifyBuyer(Caller caller, Product p, boolean reviewable) {
        String seller = profiles.me(caller.id(), caller.username()).nickname;
        boolean sold = p.status == ProductStatus.SOLD;
        String body = !sold
                ? seller + "님이 " + p.title + " 거래를 예약했어요."
                : reviewable
                        ? seller + "님과 " + p.title + " 거래가 완료되었어요. 거래 후기를 남겨주세요."
                        : seller + "님과 " + p.title + " 거래가 완료되었어요.";
        outbox.publish(
                "trade:" + p.id + ":" + p.buyerId + ":" + p.status,
                EventType.TRADE,
                p.buyerId,
                sold ? "거래완료" : "예약중",
                body,
                Map.of("productId", p.id, "status", p.status.name()));
    }

    /** 끌어올리기: moves the listing to the top of the feed, at most once per 24 hours. */
    @Transactional
    public Product bump(Caller caller, long id) {
        Product p = lockOwned(caller, id);
        if (p.status == ProductStatus.SOLD) {
            throw ApiException.unprocessable("A sold listing can not be bumped");
        }
        OffsetDateTime now = Clock.now();
        if (now.isBefore(p.nextBumpAt())) {
            long wait = Math.max(1, Duration.between(now, p.nextBumpAt()).toSeconds());
            throw ApiException.tooManyRequests("A listing can be bumped once every 24 hours", wait);
        }
        p.bumpedAt = now;
        em.flush();
        return p;
    }

    /** Soft delete by the owner or an admin; the photos are queued for removal from the bucket. */
    @Transactional
    public void delete(Caller caller, long id) {
        Product p = lockLive(id);
        if (!p.isOwnedBy(caller.id()) && !caller.admin()) {
            throw ApiException.forbidden("Only the seller or an admin can delete this listing");
        }
        p.deletedAt = Clock.now();
        cleanup.forgetAllImages(p.id);
    }

    /**
     * The listing with its seller, photos and the caller's like, counting a view unless this viewer was
     * counted within the last hour or is the seller. One statement on an autocommit connection: the view is only written when
     * it counts (the NOT EXISTS guard), so a repeated view takes no row lock and commits without a WAL flush;
     * the upsert's own WHERE still decides when two first views race.
     */
    public ListingDetail view(long id, String viewerKey, String callerId) {
        Sql sql = new Sql().append("""
                WITH counted AS (
                    INSERT INTO product_view (product_id, viewer, viewed_at)
                    SELECT p.id, ?, now() FROM product p WHERE p.id = ? AND p.deleted_at IS NULL
                    AND p.seller_id IS DISTINCT FROM CAST(? AS varchar)
                    AND NOT EXISTS (SELECT 1 FROM product_view v WHERE v.product_id = p.id AND v.viewer = ?
                                    AND v.viewed_at >= now() - interval '1 hour')
                    ON CONFLICT (product_id, viewer) DO UPDATE SET viewed_at = now()
                    WHERE product_view.viewed_at < now() - interval '1 hour'
                    RETURNING product_id
                ), bumped AS (
                    UPDATE product SET view_count = view_count + 1 WHERE id IN (SELECT product_id FROM counted)
                    RETURNING view_count
                )
                SELECT p.id, p.title, p.description, p.price, p.negotiable, p.category, p.region, p.status,
                    p.buyer_id, p.seller_id, u.nickname, u.manner_temperature, """, viewerKey, id, callerId, viewerKey);
        if (callerId == null) {
            sql.append("false");
        } else {
            sql.append("EXISTS (SELECT 1 FROM product_like l WHERE l.product_id = p.id AND l.user_id = ?)", callerId);
        }
        sql.append("""
                , p.like_count, p.chat_count, p.comment_count,
                    coalesce((SELECT view_count FROM bumped), p.view_count), p.created_at, p.updated_at,
                    p.bumped_at, p.version, i.id, i.object_key, i.thumb_key, i.width, i.height
                FROM product p LEFT JOIN user_profile u ON u.id = p.seller_id
                LEFT JOIN product_image i ON i.product_id = p.id
                WHERE p.id = ? AND p.deleted_at IS NULL
                ORDER BY i.id""", id);
        List<ListingDetail.Image> images = new ArrayList<>();
        List<ListingDetail> rows = sql.query(dataSource, false, rs -> {
            if (rs.getObject(22) != null) {
                images.add(new ListingDetail.Image(
                        rs.getLong(22), rs.getString(23), rs.getString(24), rs.getInt(25), rs.getInt(26)));
            }
            return new ListingDetail(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getLong(4),
                    rs.getBoolean(5),
                    rs.getString(6),
                    rs.getString(7),
                    ProductStatus.valueOf(rs.getString(8)),
                    rs.getString(9),
                    rs.getString(10),
                    rs.getString(11),
                    rs.getBigDecimal(12),
                    images,
                    rs.getBoolean(13),
                    rs.getInt(14),
                    rs.getInt(15),
                    rs.getInt(16),
                    rs.getInt(17),
                    rs.getObject(18, OffsetDateTime.class),
                    rs.getObject(19, OffsetDateTime.class),
                    rs.getObject(20, OffsetDateTime.class),
                    rs.getInt(21));
        });
        if (rows.isEmpty()) {
            throw ApiException.notFound("Product " + id);
        }
        return rows.get(0);
    }

    /** A listing that is not deleted, or 404. */
    @Transactional
    public Product find(long id) {
        return load(id, LockModeType.NONE, true);
    }

    /** A listing, deleted or not, or 404 when it never existed. */
    @Transactional
    public Product findIncludingDeleted(long id) {
        return load(id, LockModeType.NONE, false);
    }

    /** Locks a listing, deleted or not (a sale's parties may still review it), or 404 when it never existed. */
    Product lock(long id) {
        return load(id, LockModeType.PESSIMISTIC_WRITE, false);
    }

    Product lockLive(long id) {
        return load(id, LockModeType.PESSIMISTIC_WRITE, true);
    }

    private Product load(long id, LockModeType lock, boolean liveOnly) {
        Product p = em.find(Product.class, id, lock);
        if (p == null || (liveOnly && p.deletedAt != null)) {
            throw ApiException.notFound("Product " + id);
        }
        return p;
    }

    Product lockOwned(Caller caller, long id) {
        Product p = lockLive(id);
        if (!p.isOwnedBy(caller.id())) {
            throw ApiException.forbidden("Only the seller can change this listing");
        }
        return p;
    }

    private static void checkVersion(Product p, int expected, boolean viaIfMatch) {
        if (expected != p.version) {
            if (viaIfMatch) {
                throw new ApiException(
                        412, "Precondition Failed", "The listing was changed meanwhile (version " + p.version + ")");
            }
            throw ApiException.conflict("The listing was changed meanwhile (version " + p.version + ")");
        }
    }

    private static void apply(Product p, Fields f) {
        p.title = f.title().strip();
        p.description = f.description().strip();
        p.price = f.price();
        p.negotiable = f.negotiable();
        p.category = category(f.category()).code();
        p.region = f.region().strip();
    }

    static Category category(String code) {
        try {
            return Category.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("category", "unknown category");
        }
    }

    private void notifyKeywordWatchers(Product p) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT DISTINCT ON (k.user_id) k.user_id, k.keyword
                FROM keyword_alert k JOIN user_profile u ON u.id = k.user_id
                WHERE u.region = :region AND k.user_id <> :seller AND strpos(lower(:title), lower(k.keyword)) > 0
                ORDER BY k.user_id, k.id""")
                .setParameter("region", p.region)
                .setParameter("seller", p.sellerId)
                .setParameter("title", p.title)
                .getResultList();
        for (Object[] row : rows) {
            String userId = (String) row[0];
            String keyword = (String) row[1];
            outbox.publish(
                    "keyword:" + p.id + ":" + userId,
                    EventType.KEYWORD_MATCH,
                    userId,
                    "'" + keyword + "' 키워드 알림",
                    p.region + " · " + p.title,
                    Map.of("productId", p.id, "keyword", keyword));
        }
    }

    private void notifyPriceDrop(Product p, long oldPrice) {
        @SuppressWarnings("unchecked")
        List<String> likers = em.createNativeQuery(
                        "SELECT user_id FROM product_like WHERE product_id = :id AND user_id <> :seller")
                .setParameter("id", p.id)
                .setParameter("seller", p.sellerId)
                .getResultList();
        for (String userId : likers) {
            outbox.publish(
                    "price-drop:" + p.id + ":" + p.version + ":" + userId,
                    EventType.PRICE_DROP,
                    userId,
                    "관심상품 가격 인하",
                    p.title + " " + oldPrice + "원 → " + p.price + "원",
                    Map.of("productId", p.id, "oldPrice", oldPrice, "price", p.price));
        }
    }
}
