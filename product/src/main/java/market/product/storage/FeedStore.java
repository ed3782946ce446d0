package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import market.common.db.Db;
import market.common.db.Row;
import market.common.db.Sql;
import market.product.domain.FeedQuery;
import market.product.domain.ListingSummary;
import market.product.domain.ProductStatus;

/**
 * The listing pages: the feed with keyset pagination (never OFFSET) and text search, my likes and my purchases.
 * Each page is one statement that also brings each row's seller, thumbnail and the caller's like, run outside a
 * transaction (an autocommit connection; a single statement is atomic on its own).
 */
@ApplicationScoped
public class FeedStore {

    /**
     * Where the previous page ended: its last row's value of the sort column (OffsetDateTime for latest, Long for
     * a price order, Integer for popular) and its id.
     */
    public record After(Object key, long id) {}

    /** A listing with the time of the user's event about it (liked, bought), the key those pages are ordered on. */
    public record Dated(ListingSummary listing, OffsetDateTime at) {}

    private final Db db;

    public FeedStore(Db db) {
        this.db = db;
    }

    /**
     * One page of the feed (up to {@code size + 1} rows: the extra one tells there is more), in one statement that
     * also brings each row's seller, thumbnail and the caller's like. {@code callerId} may be null (anonymous).
     */
    public List<ListingSummary> feed(FeedQuery f, FeedQuery.Sort sort, After after, int size, String callerId) {
        Sql where = Sql.of("p.deleted_at IS NULL");
        if (f.regionCodes() != null) {
            // a lone array is one argument: one statement text however many 동 the range reaches
            where.append(" AND p.region_code = ANY(?)", (Object) f.regionCodes());
        }
        filter(where, "p.region = ?", f.region());
        filter(where, "p.category = ?", f.category());
        filter(where, "p.status = ?", f.status() == null ? null : f.status().name());
        filter(where, "p.price >= ?", f.minPrice());
        filter(where, "p.price <= ?", f.maxPrice());
        filter(where, "p.seller_id = ?", f.sellerId());
        if (callerId != null) {
            // 차단, both ways: a block hides each party's listings from the other.
            where.append(" AND " + BlockStore.SELLER_NOT_BLOCKED, callerId, callerId);
        }
        if (callerId == null || !callerId.equals(f.sellerId())) {
            // Hidden by moderation: only the seller's own list (판매내역) still shows it, marked hidden.
            where.append(" AND p.hidden_at IS NULL");
        }
        if (after != null) {
            where.append(
                    " AND (p." + column(sort) + ", p.id) " + (sort == FeedQuery.Sort.PRICE_ASC ? ">" : "<") + " (?, ?)",
                    after.key(),
                    after.id());
        }
        Search search = Search.of(f.q());
        Sql rows = search == null
                ? Sql.of("SELECT " + columns("p") + " FROM product p WHERE ")
                        .append(where)
                        .append(" ORDER BY " + order(sort, "p") + " LIMIT " + (size + 1))
                : search.rows(where, sort, size);
        Sql sql = withDetails(rows, sort, callerId);
        // How wide a price range is decides the best plan; a generic plan may guess wrong (see Sql.customPlan). Text
        // search is written to be safe with a generic plan, and re-planning the statement tripled its cost.
        // The same goes for a range: one 동 is best read through the region index, a hundred through the feed
        // order, and only the array's values tell which.
        if (f.minPrice() != null || f.maxPrice() != null || f.regionCodes() != null) {
            sql.customPlan();
        }
        return db.list(sql, FeedStore::summary);
    }

    /** The listing column ordered on (then id, in the same direction). */
    private static String column(FeedQuery.Sort sort) {
        return switch (sort) {
            case LATEST -> "bumped_at";
            case PRICE_ASC, PRICE_DESC -> "price";
            case POPULAR -> "like_count";
        };
    }

    /** The listing columns a page shows (no description), qualified by {@code alias}. */
    private static String columns(String a) {
        return String.join(
                ", ", Arrays.stream(COLUMNS).map(col -> a + "." + col).toList());
    }

    private static final String[] COLUMNS = {
        "id",
        "title",
        "price",
        "negotiable",
        "category",
        "region",
        "region_code",
        "status",
        "buyer_id",
        "seller_id",
        "like_count",
        "chat_count",
        "comment_count",
        "view_count",
        "created_at",
        "updated_at",
        "bumped_at",
        "version",
        "hidden_at"
    };

    private static String order(FeedQuery.Sort sort, String a) {
        String dir = sort == FeedQuery.Sort.PRICE_ASC ? " ASC" : " DESC";
        return a + "." + column(sort) + dir + ", " + a + ".id" + dir;
    }

    /** Wraps page rows (listing columns as {@code p}) with seller, thumbnail and liked, in feed order. */
    private static Sql withDetails(Sql rows, FeedQuery.Sort sort, String callerId) {
        Sql sql = Sql.of("SELECT " + columns("p") + ", u.nickname, u.manner_temperature,"
                + " (SELECT i.thumb_key FROM product_image i WHERE i.product_id = p.id ORDER BY i.id LIMIT 1)"
                + " AS thumb_key, ");
        if (callerId == null) {
            sql.append("false");
        } else {
            sql.append("EXISTS (SELECT 1 FROM product_like l WHERE l.product_id = p.id AND l.user_id = ?)", callerId);
        }
        return sql.append(" AS liked FROM (")
                .append(rows)
                .append(") p LEFT JOIN user_profile u ON u.id = p.seller_id ORDER BY " + order(sort, "p"));
    }

    /** A page row: the listing columns, its seller's nickname and temperature, thumb_key and liked. */
    private static ListingSummary summary(Row r) throws SQLException {
        return new ListingSummary(
                r.getLong("id"),
                r.string("title"),
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
                r.string("thumb_key"),
                r.getBoolean("liked"),
                r.getInt("like_count"),
                r.getInt("chat_count"),
                r.getInt("comment_count"),
                r.getInt("view_count"),
                r.time("created_at"),
                r.time("updated_at"),
                r.time("bumped_at"),
                r.getInt("version"),
                r.time("hidden_at") != null);
    }

    /**
     * Text search (DESIGN.md §5). The condition that can use an index: 3+ characters LIKE through the trigram
     * GIN index; 2 characters (no trigram) the word-bigram GIN index with `@>` plus an exact strpos
     * recheck; 1 character can only be scanned.
     *
     * <p>A GIN index returns every match unordered, so a common term (thousands of matches) costs a fetch
     * and sort of all of them for one page. The statement therefore first walks the newest (in the page's
     * order) {@code walk} rows that pass the other filters and the cursor, testing the text on each: the
     * matches inside an ordered prefix are the first matches of the whole order, so when the walk finds a
     * full page (size + 1 rows), or the walk covered every candidate, that is exactly the answer. Only
     * otherwise (a rarer term) does the same statement run the index query. Both branches test the same
     * condition, so the result is the same either way.
     */
    private record Search(String needle, boolean bigram) {

        static Search of(String q) {
            if (q == null) {
                return null;
            }
            String needle = q.strip().toLowerCase(Locale.ROOT);
            if (needle.isEmpty()) {
                return null;
            }
            return new Search(needle, needle.codePointCount(0, needle.length()) == 2);
        }

        /** Rows to look at per result row, and at least this many, before falling back to the index. */
        private static final int WALK_PER_ROW = 50;

        private static final int WALK_MIN = 1000;

        Sql rows(Sql where, FeedQuery.Sort sort, int size) {
            int limit = size + 1;
            int walk = Math.max(WALK_MIN, WALK_PER_ROW * limit);
            return Sql.of("WITH hits AS (SELECT " + columns("w") + " FROM (SELECT p.* FROM product p WHERE ")
                    .append(where)
                    .append(" ORDER BY " + order(sort, "p") + " LIMIT " + walk + ") w WHERE ")
                    .append(walkMatch("w"))
                    .append(" ORDER BY " + order(sort, "w") + " LIMIT " + limit + "),"
                            + " walked AS (SELECT (SELECT count(*) FROM hits) = " + limit
                            + " OR (SELECT count(*) FROM (SELECT 1 FROM product p WHERE ")
                    .append(where)
                    .append(" LIMIT " + walk + ") x) < " + walk + " AS done),"
                            // Materialized: the planner's guess of how many rows match a LIKE is poor, and
                            // with a LIMIT in reach it may walk the whole feed index hoping to stop early;
                            // this branch only runs when matches are sparse, so read them from the index.
                            + " matches AS MATERIALIZED (SELECT " + columns("p") + " FROM product p WHERE ")
                    .append(where)
                    .append(" AND ")
                    .append(indexMatch("p"))
                    .append(") SELECT * FROM hits WHERE (SELECT done FROM walked) UNION ALL"
                            + " SELECT * FROM (SELECT * FROM matches m ORDER BY " + order(sort, "m") + " LIMIT "
                            + limit + ") g WHERE NOT (SELECT done FROM walked)");
        }

        private static String text(String a) {
            return "(" + a + ".title || ' ' || " + a + ".description)";
        }

        /** The condition as the index query states it (same expressions as the indexes of V2). */
        private Sql indexMatch(String a) {
            int length = needle.codePointCount(0, needle.length());
            if (length >= 3) {
                return Sql.of(
                        "lower" + text(a) + " LIKE ?",
                        "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
            Sql sql = Sql.of("");
            if (length == 2) {
                sql.append("word_bigrams" + text(a) + " @> ARRAY[CAST(? AS text)] AND ", needle);
            }
            return sql.append("strpos(lower" + text(a) + ", ?) > 0", needle);
        }

        /**
         * The same condition, cheaper per row. LIKE '%n%' (n escaped) is exactly strpos(.., n) > 0. A needle of
         * Hangul, digits and spaces only has no case: no character lower-cases to one of its characters and
         * lower() maps character for character, so lower(t) contains it exactly when t does, and the walk
         * skips lower() (most of the walk's cost). Two letters or digits, which PostgreSQL's {@code \s}
         * never splits, imply the word bigram when found; only other two-character needles keep that test.
         */
        private Sql walkMatch(String a) {
            Sql sql = Sql.of("strpos(" + (caseless(needle) ? text(a) : "lower" + text(a)) + ", ?) > 0", needle);
            if (bigram && !needle.codePoints().allMatch(Character::isLetterOrDigit)) {
                sql.append(" AND word_bigrams" + text(a) + " @> ARRAY[CAST(? AS text)]", needle);
            }
            return sql;
        }

        private static boolean caseless(String needle) {
            return needle.codePoints()
                    .allMatch(c -> (c >= 0xAC00 && c <= 0xD7A3)
                            || (c >= 0x3131 && c <= 0x318E)
                            || (c >= '0' && c <= '9')
                            || c == ' ');
        }
    }

    private static void filter(Sql where, String clause, Object value) {
        if (value != null) {
            where.append(" AND " + clause, value);
        }
    }

    /** My liked listings, most recently liked first (up to {@code size + 1}). */
    public List<Dated> likedBy(String userId, After after, int size) {
        return byUserEvent("product_like", "user_id", "created_at", "true", userId, after, size);
    }

    /**
     * 구매내역: the listings the user bought (the buyer of their trade), latest trade first. The liked flag is
     * the buyer's own like.
     */
    public List<Dated> purchasedBy(String userId, After after, int size) {
        return byUserEvent(
                "trade",
                "buyer_id",
                "completed_at",
                "EXISTS (SELECT 1 FROM product_like l WHERE l.product_id = p.id AND l.user_id = e.buyer_id)",
                userId,
                after,
                size);
    }

    /**
     * Live listings a user has an event row about ({@code table} e with product_id, the user in {@code userColumn},
     * its time in {@code timeColumn}), newest event first, keyset-paged on (time, product id).
     */
    private List<Dated> byUserEvent(
            String table, String userColumn, String timeColumn, String likedSql, String userId, After after, int size) {
        Sql sql = Sql.of(
                "SELECT " + columns("p") + ", u.nickname, u.manner_temperature,"
                        + " (SELECT i.thumb_key FROM product_image i WHERE i.product_id = p.id ORDER BY i.id LIMIT 1)"
                        + " AS thumb_key, " + likedSql + " AS liked, e." + timeColumn + " AS event_at FROM " + table
                        + " e JOIN product p ON p.id = e.product_id"
                        + " LEFT JOIN user_profile u ON u.id = p.seller_id WHERE e." + userColumn + " = ?"
                        + " AND p.deleted_at IS NULL AND p.hidden_at IS NULL",
                userId);
        if (after != null) {
            sql.append(" AND (e." + timeColumn + ", e.product_id) < (?, ?)", after.key(), after.id());
        }
        sql.append(" ORDER BY e." + timeColumn + " DESC, e.product_id DESC LIMIT " + (size + 1));
        return db.list(sql, FeedStore::dated);
    }

    private static Dated dated(Row r) throws SQLException {
        return new Dated(summary(r), r.time("event_at"));
    }
}
