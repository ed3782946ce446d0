package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import market.common.db.Db;

/** Likes (관심): who likes which listing. The listing's like_count is kept by {@link ProductStore}. */
@ApplicationScoped
public class LikeStore {

    private final Db db;

    public LikeStore(Db db) {
        this.db = db;
    }

    /** True when the like is new (liking twice is one like). */
    public boolean add(long productId, String userId) {
        return db.update(
                        "INSERT INTO product_like (product_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        productId,
                        userId)
                > 0;
    }

    /** True when there was a like to remove. */
    public boolean remove(long productId, String userId) {
        return db.update("DELETE FROM product_like WHERE product_id = ? AND user_id = ?", productId, userId) > 0;
    }

    /** Which of these listings the user likes. */
    public Set<Long> likedAmong(String userId, long[] productIds) {
        return new HashSet<>(db.list(
                "SELECT product_id FROM product_like WHERE user_id = ? AND product_id = ANY(?)",
                r -> r.getLong("product_id"),
                userId,
                productIds));
    }

    /** Someone who likes a listing, with their 동네 (null if none) and range. */
    public record Liker(String userId, String regionCode, int range) {}

    /** Everyone who likes the listing except {@code exceptUserId}. */
    public List<Liker> likers(long productId, String exceptUserId) {
        return db.list(
                "SELECT l.user_id, u.region_code, coalesce(u.region_range, 0) AS region_range FROM product_like l"
                        + " LEFT JOIN user_profile u ON u.id = l.user_id WHERE l.product_id = ? AND l.user_id <> ?",
                r -> new Liker(r.string("user_id"), r.string("region_code"), r.getInt("region_range")),
                productId,
                exceptUserId);
    }
}
