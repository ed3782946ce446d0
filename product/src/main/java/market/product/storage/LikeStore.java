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

    /** Everyone who likes the listing except {@code exceptUserId}. */
    public List<String> likers(long productId, String exceptUserId) {
        return db.list(
                "SELECT user_id FROM product_like WHERE product_id = ? AND user_id <> ?",
                r -> r.string("user_id"),
                productId,
                exceptUserId);
    }
}
