package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import market.common.db.Db;
import market.common.db.Row;
import market.product.domain.ProductImage;

/**
 * The photo rows of listings (the objects themselves are in {@link ImageStore}) and the queue of objects no row
 * points at any more, which a job deletes from the bucket.
 */
@ApplicationScoped
public class ProductImageStore {

    private static final String COLUMNS = "id, product_id, object_key, thumb_key, content_type, thumb_content_type,"
            + " width, height, size_bytes, created_at";

    private final Db db;

    public ProductImageStore(Db db) {
        this.db = db;
    }

    private static ProductImage image(Row r) throws SQLException {
        return new ProductImage(
                r.getLong("id"),
                r.getLong("product_id"),
                r.string("object_key"),
                r.string("thumb_key"),
                r.string("content_type"),
                r.string("thumb_content_type"),
                r.getInt("width"),
                r.getInt("height"),
                r.getLong("size_bytes"),
                r.time("created_at"));
    }

    public ProductImage insert(
            long productId,
            String objectKey,
            String thumbKey,
            String contentType,
            String thumbContentType,
            int width,
            int height,
            long sizeBytes,
            OffsetDateTime createdAt) {
        return db.single(
                "INSERT INTO product_image (product_id, object_key, thumb_key, content_type, thumb_content_type,"
                        + " width, height, size_bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "
                        + COLUMNS,
                ProductImageStore::image,
                productId,
                objectKey,
                thumbKey,
                contentType,
                thumbContentType,
                width,
                height,
                sizeBytes,
                createdAt);
    }

    public Optional<ProductImage> find(long id) {
        return db.optional("SELECT " + COLUMNS + " FROM product_image WHERE id = ?", ProductImageStore::image, id);
    }

    /** The listing's photos in upload order. */
    public List<ProductImage> of(long productId) {
        return db.list(
                "SELECT " + COLUMNS + " FROM product_image WHERE product_id = ? ORDER BY id",
                ProductImageStore::image,
                productId);
    }

    public long count(long productId) {
        return db.single(
                "SELECT count(*) AS n FROM product_image WHERE product_id = ?", r -> r.getLong("n"), productId);
    }

    /**
     * The content type our own record gives this photo or thumbnail key if a live listing shows it, else empty.
     */
    public Optional<String> publishedType(String key) {
        return db.optional("""
                SELECT CASE WHEN i.object_key = ? THEN i.content_type ELSE i.thumb_content_type END AS type
                FROM product_image i JOIN product p ON p.id = i.product_id
                WHERE (i.object_key = ? OR i.thumb_key = ?) AND p.deleted_at IS NULL LIMIT 1""", r -> r.string("type"), key, key, key);
    }

    /** Queues every photo of the listing for deletion from the bucket and drops its rows. */
    public void forgetAll(long productId) {
        db.update("""
                INSERT INTO orphan_object (object_key)
                SELECT object_key FROM product_image WHERE product_id = ?
                UNION SELECT thumb_key FROM product_image WHERE product_id = ?
                ON CONFLICT DO NOTHING""", productId, productId);
        db.update("DELETE FROM product_image WHERE product_id = ?", productId);
    }

    /** Queues one photo (original and thumbnail) for deletion from the bucket and drops its row. */
    public void forget(long imageId) {
        db.update("""
                INSERT INTO orphan_object (object_key)
                SELECT object_key FROM product_image WHERE id = ?
                UNION SELECT thumb_key FROM product_image WHERE id = ?
                ON CONFLICT DO NOTHING""", imageId, imageId);
        db.update("DELETE FROM product_image WHERE id = ?", imageId);
    }

    /** Up to {@code limit} queued object keys, oldest first. */
    public List<String> orphans(int limit) {
        return db.list(
                "SELECT object_key FROM orphan_object ORDER BY created_at LIMIT ?", r -> r.string("object_key"), limit);
    }

    public void dropOrphan(String key) {
        db.update("DELETE FROM orphan_object WHERE object_key = ?", key);
    }
}
