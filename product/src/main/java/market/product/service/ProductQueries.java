package market.product.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import market.common.api.ApiException;
import market.common.api.Cursor;
import market.common.api.Page;
import market.common.db.Timestamps;
import market.product.domain.ProductStatus;
import market.product.domain.Profile;

/**
 * Read side of listings: the feed with keyset pagination (never OFFSET), search and my likes, each page one
 * plain JDBC statement that also brings sellers, thumbnails and the caller's likes; and the batched look-ups
 * (profiles, liked) for the other responses.
 */
@ApplicationScoped
public class ProductQueries {

    private final EntityManager em;
    private final DataSource dataSource;

    public ProductQueries(EntityManager em, AgroalDataSource dataSource) {
        this.em = em;
        this.dataSource = dataSource;
    }

    /**
     * One page of the feed, in one statement that also brings each row's seller, thumbnail and the caller's
     * like. {@code callerId} may be null (anonymous).
     */
    public Page<ListingSummary> feed(FeedQuery f, String cursor, int size, String callerId) {
        FeedQuery.Sort sort = f.sort() == null ? FeedQuery.Sort.LATEST : f.sort();
        Cursor c = Cursor.decode(cursor, 3);
        if (c != null && !sort.param().equals(c.stringAt(0))) {
            throw ApiException.badRequest("cursor", "the cursor belongs to another sort order");
        }
        Sql where = new Sql().append("p.deleted_at IS NULL");
        filter(where, "p.region = ?", f.region());
        filter(where, "p.category = ?", f.category());
        filter(where, "p.status = ?", f.status() == null ? null : f.status().name());
        filter(where, "p.price >= ?", f.minPrice());
        filter(where, "p.price <= ?", f.maxPrice());
        filter(where, "p.seller_id = ?", f.sellerId());
        if (c != null) {
            Object key = switch (sort) {
                case LATEST -> Timestamps.fromMicros(c.longAt(1));
                case PRICE_ASC, PRICE_DESC -> c.longAt(1);
                case POPULAR -> (int) c.longAt(1);
            };
            where.append(
                    " AND (p." + sort.column() + ", p.id) " + (sort == FeedQuery.Sort.PRICE_ASC ? ">" : "<")
                            + " (?, ?)",
                    key,
                    c.longAt(2));
        }
        Search search = Search.of(f.q());
        Sql rows = search == null
                ? new Sql()
                        .append("SELECT " + columns("p") + " FROM product p WHERE ")
                        .append(where)
                        .append(" ORDER BY " + order(sort, "p") + " LIMIT " + (size + 1))
                : search.rows(where, sort, size);
        // How wide a price range is decides the best plan; a generic plan may guess wrong (see Sql.query). Text
        // search is written to be safe with a generic plan, and re-planning the statement tripled its cost.
        boolean customPlan = f.minPrice() != null || f.maxPrice() != null;
        List<ListingSummary> page =
                withDetails(rows, sort, callerId).query(dataSource, customPlan, ProductQueries::summary);
        return Page.of(page, size, p -> Cursor.encode(sort.param(), sortKey(sort, p), p.id()));
    }

    private static Object sortKey(FeedQuery.Sort sort, ListingSummary p) {
        return switch (sort) {
            case LATEST -> Timestamps.micros(p.bumpedAt());
            case PRICE_ASC, PRICE_DESC -> p.price();
            case POPULAR -> p.likeCount();
        };
    }

    /** The listing columns a page shows (no description), qualified by {@code alias}. */
    private static String columns(String a) {
        return String.join(
                ", ", java.util.Arrays.stream(COLUMNS).map(col -> a + "." + col).toList());
    }

    private static final String[] COLUMNS = {
        "id",
        "title",
        "price",
        "negotiable",
        "category",
        "region",
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
        "version"
    };

    private static String order(FeedQuery.Sort sort, String a) {
        String dir = sort == FeedQuery.Sort.PRICE_ASC ? " ASC" : " DESC";
        return a + "." + sort.column() + dir + ", " + a + ".id" + dir;
    }

    /** Wraps page rows (listing columns as {@code p}) with seller, thumbnail and liked, in feed order. */
    private static Sql withDetails(Sql rows, FeedQuery.Sort sort, String callerId) {
        Sql sql = new Sql()
                .append(
                        "SELECT " + columns("p") + ", u.nickname, u.manner_temperature,"
                                + " (SELECT i.thumb_key FROM product_image i WHERE i.product_id = p.id ORDER BY i.id LIMIT 1), ");
        if (callerId == null) {
            sql.append("false");
        } else {
            sql.append("EXISTS (SELECT 1 FROM product_like l WHERE l.product_id = p.id AND l.user_id = ?)", callerId);
        }
        return sql.append(" FROM (")
                .append(rows)
                .append(") p LEFT JOIN user_profile u ON u.id = p.seller_id ORDER BY " + order(sort, "p"));
    }

    private static ListingSummary summary(ResultSet rs) throws SQLException {
        return new ListingSummary(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getBoolean(4),
                rs.getString(5),
                rs.getString(6),
                ProductStatus.valueOf(rs.getString(7)),
                rs.getString(8),
                rs.getString(9),
                rs.getString(18),
                rs.getBigDecimal(19),
                rs.getString(20),
                rs.getBoolean(21),
                rs.getInt(10),
                rs.getInt(11),
                rs.getInt(12),
                rs.getInt(13),
                rs.getObject(14, OffsetDateTime.class),
                rs.getObject(15, OffsetDateTime.class),
                rs.getObject(16, OffsetDateTime.class),
                rs.getInt(17));
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
            String needle = q.strip().toLowerCase(java.util.Locale.ROOT);
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
            return new Sql()
                    .append("WITH hits AS (SELECT " + columns("w") + " FROM (SELECT p.* FROM product p WHERE ")
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
                return new Sql()
                        .append(
                                "lower" + text(a) + " LIKE ?",
                                "%"
                                        + needle.replace("\\", "\\\\")
                                                .replace("%", "\\%")
                                                .replace("_", "\\_") + "%");
            }
            Sql sql = new Sql();
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
            Sql sql =
                    new Sql().append("strpos(" + (caseless(needle) ? text(a) : "lower" + text(a)) + ", ?) > 0", needle);
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

    /** My liked listings, most recently liked first. */
    public Page<ListingSummary> likedBy(String userId, String cursor, int size) {
        return byUserEvent("product_like", "user_id", "created_at", "true", userId, cursor, size);
    }

    /**
     * 구매내역: the listings the user bought (the buyer of their trade), latest trade first. The liked flag is
     * the buyer's own like.
     */
    public Page<ListingSummary> purchasedBy(String userId, String cursor, int size) {
        return byUserEvent(
                "trade",
                "buyer_id",
                "completed_at",
                "EXISTS (SELECT 1 FROM product_like l WHERE l.product_id = p.id AND l.user_id = e.buyer_id)",
                userId,
                cursor,
                size);
    }

    /**
     * Live listings a user has an event row about ({@code table} e with product_id, the user in {@code userColumn},
     * its time in {@code timeColumn}), newest event first, keyset-paged on (time, product id).
     */
    private Page<ListingSummary> byUserEvent(
            String table,
            String userColumn,
            String timeColumn,
            String likedSql,
            String userId,
            String cursor,
            int size) {
        Cursor c = Cursor.decode(cursor, 2);
        Sql sql = new Sql()
                .append(
                        "SELECT " + columns("p") + ", u.nickname, u.manner_temperature,"
                                + " (SELECT i.thumb_key FROM product_image i WHERE i.product_id = p.id ORDER BY i.id LIMIT 1), "
                                + likedSql + ", e." + timeColumn + " FROM " + table
                                + " e JOIN product p ON p.id = e.product_id"
                                + " LEFT JOIN user_profile u ON u.id = p.seller_id WHERE e." + userColumn + " = ?"
                                + " AND p.deleted_at IS NULL",
                        userId);
        if (c != null) {
            sql.append(
                    " AND (e." + timeColumn + ", e.product_id) < (?, ?)",
                    Timestamps.fromMicros(c.longAt(0)),
                    c.longAt(1));
        }
        sql.append(" ORDER BY e." + timeColumn + " DESC, e.product_id DESC LIMIT " + (size + 1));
        Map<Long, Long> eventAt = new HashMap<>();
        List<ListingSummary> rows = sql.query(dataSource, false, rs -> {
            ListingSummary row = summary(rs);
            eventAt.put(row.id(), Timestamps.micros(rs.getObject(22, OffsetDateTime.class)));
            return row;
        });
        return Page.of(rows, size, p -> Cursor.encode(eventAt.get(p.id()), p.id()));
    }

    @Transactional
    public Map<String, Profile> profiles(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        // Native: an HQL IN-list of varying length is re-translated on every call (the feed's hottest cost).
        @SuppressWarnings("unchecked")
        List<Profile> rows = em.createNativeQuery("SELECT * FROM user_profile WHERE id IN (:ids)", Profile.class)
                .setParameter("ids", ids)
                .getResultList();
        return rows.stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
    }

    /** Which of these listings the user likes; empty for anonymous callers. */
    @Transactional
    public Set<Long> likedAmong(String userId, Collection<Long> productIds) {
        if (userId == null || productIds.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<Number> rows = em.createNativeQuery(
                        "SELECT product_id FROM product_like WHERE user_id = :u AND product_id IN (:ids)")
                .setParameter("u", userId)
                .setParameter("ids", productIds)
                .getResultList();
        Set<Long> out = new HashSet<>();
        rows.forEach(n -> out.add(n.longValue()));
        return out;
    }

    /** onSaleCount (not yet sold) and soldCount of a seller's live listings. */
    @Transactional
    public long[] listingCounts(String sellerId) {
        Object[] row =
                (Object[]) em.createNativeQuery("""
                SELECT count(*) FILTER (WHERE status <> 'SOLD'), count(*) FILTER (WHERE status = 'SOLD')
                FROM product WHERE seller_id = :s AND deleted_at IS NULL""").setParameter("s", sellerId).getSingleResult();
        return new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
    }
}
