package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import market.common.db.Db;
import market.common.db.Row;
import market.common.db.Sql;
import market.product.domain.Rating;
import market.product.domain.ReceivedReview;
import market.product.domain.Review;
import market.product.domain.ReviewChip;

/** 거래후기: one per party of a listing's trade (UNIQUE (product_id, reviewer_id)). */
@ApplicationScoped
public class ReviewStore {

    private static final String COLUMNS =
            "id, product_id, reviewer_id, reviewee_id, rating, comment, chips, created_at";

    /** Where the previous page of received reviews ended. */
    public record After(OffsetDateTime createdAt, long id) {}

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
                chips(r.strings("chips")),
                r.time("created_at"));
    }

    private static ReceivedReview received(Row r) throws SQLException {
        return new ReceivedReview(
                r.getLong("id"),
                r.getLong("product_id"),
                r.string("title"),
                r.string("reviewer_id"),
                r.string("nickname"),
                r.getBoolean("by_seller") ? ReceivedReview.Role.SELLER : ReceivedReview.Role.BUYER,
                r.enumValue("rating", Rating.class),
                r.string("comment"),
                chips(r.strings("chips")),
                r.time("created_at"));
    }

    private static List<ReviewChip> chips(String[] codes) {
        List<ReviewChip> chips = new ArrayList<>();
        if (codes != null) {
            for (String code : codes) {
                ReviewChip c = ReviewChip.ofCode(code);
                if (c != null) {
                    chips.add(c);
                }
            }
        }
        return List.copyOf(chips);
    }

    public Review insert(
            long productId,
            String reviewerId,
            String revieweeId,
            Rating rating,
            String comment,
            List<ReviewChip> chips,
            OffsetDateTime createdAt) {
        return db.single(
                "INSERT INTO review (product_id, reviewer_id, reviewee_id, rating, comment, chips, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS,
                ReviewStore::review,
                productId,
                reviewerId,
                revieweeId,
                rating,
                comment,
                chips.stream().map(Enum::name).toArray(String[]::new),
                createdAt);
    }

    /** Whether either party has reviewed the listing's trade. */
    public boolean anyFor(long productId) {
        return !db.list("SELECT 1 AS one FROM review WHERE product_id = ? LIMIT 1", r -> true, productId)
                .isEmpty();
    }

    public boolean exists(long productId, String reviewerId) {
        return mine(productId, reviewerId).isPresent();
    }

    /** The review this user wrote about the listing's trade, if any. */
    public Optional<Review> mine(long productId, String reviewerId) {
        return db.optional(
                "SELECT " + COLUMNS + " FROM review WHERE product_id = ? AND reviewer_id = ?",
                ReviewStore::review,
                productId,
                reviewerId);
    }

    /**
     * Reviews the user received, newest first (up to {@code limit}), with the listing's title, the reviewer's
     * nickname and whether the reviewer sold the listing.
     */
    public List<ReceivedReview> received(String revieweeId, After after, int limit) {
        Sql sql = Sql.of(
                "SELECT r.id, r.product_id, r.reviewer_id, r.rating, r.comment, r.chips, r.created_at, p.title,"
                        + " u.nickname, r.reviewer_id = p.seller_id AS by_seller FROM review r"
                        + " JOIN product p ON p.id = r.product_id LEFT JOIN user_profile u ON u.id = r.reviewer_id"
                        + " WHERE r.reviewee_id = ?",
                revieweeId);
        if (after != null) {
            sql.append(" AND (r.created_at, r.id) < (?, ?)", after.createdAt(), after.id());
        }
        sql.append(" ORDER BY r.created_at DESC, r.id DESC LIMIT " + limit);
        return db.list(sql, ReviewStore::received);
    }

    /** How many reviews the user received. */
    public long countReceived(String revieweeId) {
        return db.single("SELECT count(*) AS n FROM review WHERE reviewee_id = ?", r -> r.getLong("n"), revieweeId);
    }

    /** How often each chip was given to the user, most frequent first (chips never given are left out). */
    public Map<ReviewChip, Long> chipCounts(String revieweeId) {
        Map<ReviewChip, Long> counts = new LinkedHashMap<>();
        db.list(
                        "SELECT c.chip, count(*) AS n FROM review r CROSS JOIN LATERAL unnest(r.chips) AS c(chip)"
                                + " WHERE r.reviewee_id = ? GROUP BY c.chip ORDER BY n DESC, c.chip",
                        r -> Map.entry(r.string("chip"), r.getLong("n")),
                        revieweeId)
                .forEach(e -> {
                    ReviewChip chip = ReviewChip.ofCode(e.getKey());
                    if (chip != null) {
                        counts.put(chip, e.getValue());
                    }
                });
        return counts;
    }
}
