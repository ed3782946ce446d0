package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import market.common.db.Db;
import market.common.db.Row;
import market.product.domain.Rating;
import market.product.domain.Review;

/** 거래후기: one per party of a listing's trade (UNIQUE (product_id, reviewer_id)). */
@ApplicationScoped
public class ReviewStore {

    private static final String COLUMNS = "id, product_id, reviewer_id, reviewee_id, rating, comment, created_at";

    private final Db db;

    public ReviewStore(Db db) {
        this.db = db;
    }

    private static Review review(Row r) throws SQLException {
        return new Review(
                r.getLong("id"),
                r.getLong("product_id"),
                r.string("reviewer_id"),
                r.string("reviewee_id"),
                r.enumValue("rating", Rating.class),
                r.string("comment"),
                r.time("created_at"));
    }

    public Review insert(
            long productId,
            String reviewerId,
            String revieweeId,
            Rating rating,
            String comment,
            OffsetDateTime createdAt) {
        return db.single(
                "INSERT INTO review (product_id, reviewer_id, reviewee_id, rating, comment, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS,
                ReviewStore::review,
                productId,
                reviewerId,
                revieweeId,
                rating,
                comment,
                createdAt);
    }

    /** Whether either party has reviewed the listing's trade. */
    public boolean anyFor(long productId) {
        return !db.list("SELECT 1 AS one FROM review WHERE product_id = ? LIMIT 1", r -> true, productId)
                .isEmpty();
    }

    public boolean exists(long productId, String reviewerId) {
        return db.single(
                        "SELECT count(*) AS n FROM review WHERE product_id = ? AND reviewer_id = ?",
                        r -> r.getLong("n"),
                        productId,
                        reviewerId)
                > 0;
    }
}
