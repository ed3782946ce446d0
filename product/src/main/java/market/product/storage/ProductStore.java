package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import market.common.db.Db;
import market.common.db.Row;
import market.common.db.Sql;
import market.product.domain.ListingDetail;
import market.product.domain.Product;
import market.product.domain.ProductStatus;

/**
 * Listing rows: create, read (plain or locked), the versioned edits, the counters and the detail view.
 *
 * <p>The versioned edits ({@link #update}, {@link #changeStatus}, {@link #bump}, {@link #softDelete}) name the
 * version they read and bump it; empty (or false) means the row changed since (optimistic locking). They never
 * write the counters, which only their own single-statement increments move.
 */
@ApplicationScoped
public class ProductStore {

    private static final String COLUMNS = "id, seller_id, title, description, price, negotiable, category, region,"
            + " region_code, status, buyer_id, like_count, chat_count, comment_count, view_count, created_at, updated_at,"
            + " bumped_at, deleted_at, version, hidden_at";

    private final Db db;

    public ProductStore(Db db) {
        this.db = db;
    }

    private static Product product(Row r) throws SQLException {
        return new Product(
                r.getLong("id"),
                r.string("seller_id"),
                r.string("title"),
                r.string("description"),
                r.getLong("price"),
                r.getBoolean("negotiable"),
                r.string("category"),
                r.string("region"),
                r.string("region_code"),
                r.enumValue("status", ProductStatus.class),
                r.string("buyer_id"),
                r.getInt("like_count"),
                r.getInt("chat_count"),
                r.getInt("comment_count"),
                r.getInt("view_count"),
                r.time("created_at"),
                r.time("updated_at"),
                r.time("bumped_at"),
                r.time("deleted_at"),
                r.getInt("version"),
                r.time("hidden_at"));
    }

    /** A new listing, on sale, created, updated and bumped {@code now}. */
    public Product insert(
            String sellerId,
            String title,
            String description,
            long price,
            boolean negotiable,
            String category,
            String region,
            String regionCode,
            OffsetDateTime now) {
        return db.single(
                "INSERT INTO product (seller_id, title, description, price, negotiable, category, region, region_code,"
                        + " status, created_at, updated_at, bumped_at, version)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)"
                        + " RETURNING " + COLUMNS,
                ProductStore::product,
                sellerId,
                title,
                description,
                price,
                negotiable,
                category,
                region,
                regionCode,
                ProductStatus.ON_SALE,
                now,
                now,
                now);
    }

    /** The listing, deleted or not. */
    public Optional<Product> find(long id) {
        return db.optional("SELECT " + COLUMNS + " FROM product WHERE id = ?", ProductStore::product, id);
    }

    /**
     * The listing, deleted or not, its row locked until the transaction ends. FOR NO KEY UPDATE (not FOR UPDATE):
     * likes, chats and photos inserted meanwhile only take a key-share lock on the listing and need not wait.
     */
    public Optional<Product> lock(long id) {
        return db.optional(
                "SELECT " + COLUMNS + " FROM product WHERE id = ? FOR NO KEY UPDATE", ProductStore::product, id);
    }

    /** The editable fields, if the row still has {@code version}. */
    public Optional<Product> update(
            long id,
            String title,
            String description,
            long price,
            boolean negotiable,
            String category,
            String region,
            String regionCode,
            OffsetDateTime updatedAt,
            int version) {
        return db.optional(
                "UPDATE product SET title = ?, description = ?, price = ?, negotiable = ?, category = ?, region = ?,"
                        + " region_code = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ? RETURNING "
                        + COLUMNS,
                ProductStore::product,
                title,
                description,
                price,
                negotiable,
                category,
                region,
                regionCode,
                updatedAt,
                id,
                version);
    }

    /** Status and buyer, if the row still has {@code version}. */
    public Optional<Product> changeStatus(
            long id, ProductStatus status, String buyerId, OffsetDateTime updatedAt, int version) {
        return db.optional(
                "UPDATE product SET status = ?, buyer_id = ?, updated_at = ?, version = version + 1"
                        + " WHERE id = ? AND version = ? RETURNING " + COLUMNS,
                ProductStore::product,
                status,
                buyerId,
                updatedAt,
                id,
                version);
    }

    /** 끌어올리기, if the row still has {@code version}. */
    public Optional<Product> bump(long id, OffsetDateTime bumpedAt, int version) {
        return db.optional(
                "UPDATE product SET bumped_at = ?, version = version + 1 WHERE id = ? AND version = ? RETURNING "
                        + COLUMNS,
                ProductStore::product,
                bumpedAt,
                id,
                version);
    }

    /** Marks the listing deleted, if the row still has {@code version}. */
    public boolean softDelete(long id, OffsetDateTime deletedAt, int version) {
        return db.update(
                        "UPDATE product SET deleted_at = ?, version = version + 1 WHERE id = ? AND version = ?",
                        deletedAt,
                        id,
                        version)
                == 1;
    }

    /** Hides the listing (moderation) unless it already is; bumps the version so cached copies are stale. */
    public boolean hide(long id, OffsetDateTime hiddenAt) {
        return db.update(
                        "UPDATE product SET hidden_at = ?, version = version + 1 WHERE id = ? AND hidden_at IS NULL",
                        hiddenAt,
                        id)
                == 1;
    }

    /** Hides every live listing of a seller (a suspension); how many were hidden now. */
    public int hideAllOf(String sellerId, OffsetDateTime hiddenAt) {
        return db.update(
                "UPDATE product SET hidden_at = ?, version = version + 1"
                        + " WHERE seller_id = ? AND deleted_at IS NULL AND hidden_at IS NULL",
                hiddenAt,
                sellerId);
    }

    public void countLike(long id) {
        db.update("UPDATE product SET like_count = like_count + 1 WHERE id = ?", id);
    }

    public void uncountLike(long id) {
        db.update("UPDATE product SET like_count = greatest(like_count - 1, 0) WHERE id = ?", id);
    }

    public void countChat(long id) {
        db.update("UPDATE product SET chat_count = chat_count + 1 WHERE id = ?", id);
    }

    public void countComment(long id) {
        db.update("UPDATE product SET comment_count = comment_count + 1 WHERE id = ?", id);
    }

    public void uncountComment(long id) {
        db.update("UPDATE product SET comment_count = greatest(comment_count - 1, 0) WHERE id = ?", id);
    }

    /** onSaleCount (not yet sold) and soldCount of a seller's live listings. */
    public long[] listingCounts(String sellerId) {
        return db.single("""
                SELECT count(*) FILTER (WHERE status <> 'SOLD') AS on_sale, count(*) FILTER (WHERE status = 'SOLD') AS sold
                FROM product WHERE seller_id = ? AND deleted_at IS NULL""", r -> new long[] {r.getLong("on_sale"), r.getLong("sold")}, sellerId);
    }

    /**
     * The listing with its seller, photos and the caller's like, counting a view unless this viewer was
     * counted within the last hour or is the seller (a listing hidden by moderation: for its seller and admins only).
     * One statement on an autocommit connection: the view is only written when
     * it counts (the NOT EXISTS guard), so a repeated view takes no row lock and commits without a WAL flush;
     * the upsert's own WHERE still decides when two first views race.
     */
    public Optional<ListingDetail> view(long id, String viewerKey, String callerId, boolean admin) {
        Sql sql = Sql.of("""
                WITH counted AS (
                    INSERT INTO product_view (product_id, viewer, viewed_at)
                    SELECT p.id, ?, now() FROM product p WHERE p.id = ? AND p.deleted_at IS NULL AND p.hidden_at IS NULL
                    AND p.seller_id IS DISTINCT FROM CAST(? AS varchar)
                    AND NOT EXISTS (SELECT 1 FROM product_view v WHERE v.product_id = p.id AND v.viewer = ?
                                    AND v.viewed_at >= now() - interval '1 hour')
                    AND NOT EXISTS (SELECT 1 FROM user_block b WHERE (b.blocker_id = ? AND b.blocked_id = p.seller_id)
                                    OR (b.blocker_id = p.seller_id AND b.blocked_id = ?))
                    ON CONFLICT (product_id, viewer) DO UPDATE SET viewed_at = now()
                    WHERE product_view.viewed_at < now() - interval '1 hour'
                    RETURNING product_id
                ), bumped AS (
                    UPDATE product SET view_count = view_count + 1 WHERE id IN (SELECT product_id FROM counted)
                    RETURNING view_count
                )
                SELECT p.id, p.title, p.description, p.price, p.negotiable, p.category, p.region, p.region_code,
                    p.status, p.buyer_id, p.seller_id, u.nickname, u.manner_temperature, """, viewerKey, id, callerId, viewerKey, callerId, callerId);
        if (callerId == null) {
            sql.append("false");
        } else {
            sql.append("EXISTS (SELECT 1 FROM product_like l WHERE l.product_id = p.id AND l.user_id = ?)", callerId);
        }
        sql.append("""
                 AS liked, p.like_count, p.chat_count, p.comment_count,
                    coalesce((SELECT view_count FROM bumped), p.view_count) AS view_count, p.created_at, p.updated_at,
                    p.bumped_at, p.version, p.hidden_at IS NOT NULL AS hidden, i.id AS image_id, i.object_key, i.thumb_key, i.width, i.height
                FROM product p LEFT JOIN user_profile u ON u.id = p.seller_id
                LEFT JOIN product_image i ON i.product_id = p.id
                WHERE p.id = ? AND p.deleted_at IS NULL""", id);
        if (callerId != null) {
            // 차단, both ways: a blocked party gets the 404 of a listing that is not there.
            sql.append(" AND " + BlockStore.SELLER_NOT_BLOCKED, callerId, callerId);
        }
        if (!admin) {
            // hidden by moderation: only its seller (and admins) still see it
            sql.append(" AND (p.hidden_at IS NULL OR p.seller_id = CAST(? AS varchar))", callerId);
        }
        sql.append(" ORDER BY i.id");
        List<DetailRow> rows = db.list(sql, ProductStore::detailRow);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<ListingDetail.Image> images = new ArrayList<>();
        for (DetailRow row : rows) {
            if (row.image() != null) {
                images.add(row.image());
            }
        }
        return Optional.of(rows.get(0).listing().withImages(images));
    }

    /** One row of the detail statement: the listing (photos not yet gathered) and one of its photos, or none. */
    private record DetailRow(ListingDetail listing, ListingDetail.Image image) {}

    private static DetailRow detailRow(Row r) throws SQLException {
        Long imageId = r.nullableLong("image_id");
        ListingDetail.Image image = imageId == null
                ? null
                : new ListingDetail.Image(
                        imageId, r.string("object_key"), r.string("thumb_key"), r.getInt("width"), r.getInt("height"));
        ListingDetail listing = new ListingDetail(
                r.getLong("id"),
                r.string("title"),
                r.string("description"),
                r.getLong("price"),
                r.getBoolean("negotiable"),
                r.string("category"),
                r.string("region"),
                r.string("region_code"),
                r.enumValue("status", ProductStatus.class),
                r.string("buyer_id"),
                r.string("seller_id"),
                r.string("nickname"),
                r.decimal("manner_temperature"),
                List.of(),
                r.getBoolean("liked"),
                r.getInt("like_count"),
                r.getInt("chat_count"),
                r.getInt("comment_count"),
                r.getInt("view_count"),
                r.time("created_at"),
                r.time("updated_at"),
                r.time("bumped_at"),
                r.getInt("version"),
                r.getBoolean("hidden"));
        return new DetailRow(listing, image);
    }
}
