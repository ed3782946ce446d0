package market.product.service;

import market.common.db.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import market.common.api.ApiException;
import market.common.api.Cursor;
import market.common.api.Page;
import market.product.domain.Product;
import market.product.domain.Profile;

/**
 * Read side of listings: the feed with keyset pagination (never OFFSET), search, my likes, and the
 * batched look-ups (sellers, thumbnails, liked) that turn a page of rows into a response without N+1.
 */
@ApplicationScoped
public class ProductQueries {

    /** Search text: title and description together, matching the expression indexes of V2. */
    private static final String TEXT = "(p.title || ' ' || p.description)";

    private final EntityManager em;

    public ProductQueries(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public Page<Product> feed(FeedQuery f, String cursor, int size) {
        FeedQuery.Sort sort = f.sort() == null ? FeedQuery.Sort.LATEST : f.sort();
        StringBuilder sql = new StringBuilder("SELECT p.* FROM product p WHERE p.deleted_at IS NULL");
        Map<String, Object> params = new HashMap<>();
        filter(sql, params, "p.region = :region", "region", f.region());
        filter(sql, params, "p.category = :category", "category", f.category());
        filter(sql, params, "p.status = :status", "status", f.status() == null ? null : f.status().name());
        filter(sql, params, "p.price >= :minPrice", "minPrice", f.minPrice());
        filter(sql, params, "p.price <= :maxPrice", "maxPrice", f.maxPrice());
        filter(sql, params, "p.seller_id = :sellerId", "sellerId", f.sellerId());
        search(sql, params, f.q());
        Cursor c = Cursor.decode(cursor, 3);
        if (c != null && !sort.param().equals(c.stringAt(0))) {
            throw ApiException.badRequest("cursor", "the cursor belongs to another sort order");
        }
        switch (sort) {
            case LATEST -> {
                if (c != null) {
                    sql.append(" AND (p.bumped_at, p.id) < (:k, :id)");
                    params.put("k", Timestamps.fromMicros(c.longAt(1)));
                }
                sql.append(" ORDER BY p.bumped_at DESC, p.id DESC");
            }
            case PRICE_ASC -> {
                if (c != null) {
                    sql.append(" AND (p.price, p.id) > (:k, :id)");
                    params.put("k", c.longAt(1));
                }
                sql.append(" ORDER BY p.price ASC, p.id ASC");
            }
            case PRICE_DESC -> {
                if (c != null) {
                    sql.append(" AND (p.price, p.id) < (:k, :id)");
                    params.put("k", c.longAt(1));
                }
                sql.append(" ORDER BY p.price DESC, p.id DESC");
            }
            case POPULAR -> {
                if (c != null) {
                    sql.append(" AND (p.like_count, p.id) < (:k, :id)");
                    params.put("k", (int) c.longAt(1));
                }
                sql.append(" ORDER BY p.like_count DESC, p.id DESC");
            }
        }
        if (c != null) {
            params.put("id", c.longAt(2));
        }
        sql.append(" LIMIT :limit");
        params.put("limit", size + 1);
        Query query = em.createNativeQuery(sql.toString(), Product.class);
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Product> rows = query.getResultList();
        return Page.of(rows, size, p -> Cursor.encode(sort.param(), sortKey(sort, p), p.id));
    }

    private static Object sortKey(FeedQuery.Sort sort, Product p) {
        return switch (sort) {
            case LATEST -> Timestamps.micros(p.bumpedAt);
            case PRICE_ASC, PRICE_DESC -> p.price;
            case POPULAR -> p.likeCount;
        };
    }

    /**
     * Korean needs two paths (see DESIGN.md §5): 3+ characters use the trigram GIN index through LIKE;
     * a 2-character query has no trigram, so it uses the word-bigram GIN index with `@>` and an exact
     * strpos recheck; a single character can only be scanned.
     */
    private static void search(StringBuilder sql, Map<String, Object> params, String q) {
        if (q == null) {
            return;
        }
        String needle = q.strip().toLowerCase(java.util.Locale.ROOT);
        if (needle.isEmpty()) {
            return;
        }
        int length = needle.codePointCount(0, needle.length());
        if (length >= 3) {
            sql.append(" AND lower").append(TEXT).append(" LIKE :pattern");
            params.put("pattern", "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        } else if (length == 2) {
            sql.append(" AND word_bigrams").append(TEXT).append(" @> ARRAY[CAST(:q AS text)]")
                    .append(" AND strpos(lower").append(TEXT).append(", :q) > 0");
            params.put("q", needle);
        } else {
            sql.append(" AND strpos(lower").append(TEXT).append(", :q) > 0");
            params.put("q", needle);
        }
    }

    private static void filter(StringBuilder sql, Map<String, Object> params, String clause, String name,
            Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            params.put(name, value);
        }
    }

    /** My liked listings, most recently liked first. */
    @Transactional
    public Page<Product> likedBy(String userId, String cursor, int size) {
        Cursor c = Cursor.decode(cursor, 2);
        String sql = "SELECT l.product_id, l.created_at FROM product_like l JOIN product p ON p.id = l.product_id"
                + " WHERE l.user_id = :u AND p.deleted_at IS NULL"
                + (c == null ? "" : " AND (l.created_at, l.product_id) < (:t, :id)")
                + " ORDER BY l.created_at DESC, l.product_id DESC LIMIT :limit";
        Query query = em.createNativeQuery(sql).setParameter("u", userId).setParameter("limit", size + 1);
        if (c != null) {
            query.setParameter("t", Timestamps.fromMicros(c.longAt(0))).setParameter("id", c.longAt(1));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        Map<Long, Long> likedAt = new LinkedHashMap<>();
        for (Object[] row : rows) {
            likedAt.put(((Number) row[0]).longValue(), Timestamps.micros(Timestamps.odt(row[1])));
        }
        Map<Long, Product> byId = em.createQuery("from Product where id in :ids", Product.class)
                .setParameter("ids", likedAt.keySet().isEmpty() ? List.of(-1L) : likedAt.keySet())
                .getResultStream().collect(Collectors.toMap(p -> p.id, Function.identity()));
        List<Product> ordered = likedAt.keySet().stream().map(byId::get).toList();
        return Page.of(ordered, size, p -> Cursor.encode(likedAt.get(p.id), p.id));
    }

    @Transactional
    public Map<String, Profile> profiles(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        // Native: an HQL IN-list of varying length is re-translated on every call (the feed's hottest cost).
        @SuppressWarnings("unchecked")
        List<Profile> rows = em.createNativeQuery("SELECT * FROM user_profile WHERE id IN (:ids)", Profile.class)
                .setParameter("ids", ids).getResultList();
        return rows.stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
    }

    /** The first photo's thumbnail key of each listing that has one. */
    @Transactional
    public Map<Long, String> thumbnails(Collection<Long> productIds) {
        if (productIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT DISTINCT ON (product_id) product_id, thumb_key FROM product_image
                WHERE product_id IN (:ids) ORDER BY product_id, id""")
                .setParameter("ids", productIds).getResultList();
        Map<Long, String> out = new HashMap<>();
        for (Object[] row : rows) {
            out.put(((Number) row[0]).longValue(), (String) row[1]);
        }
        return out;
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
                .setParameter("u", userId).setParameter("ids", productIds).getResultList();
        Set<Long> out = new HashSet<>();
        rows.forEach(n -> out.add(n.longValue()));
        return out;
    }

    /** onSaleCount (not yet sold) and soldCount of a seller's live listings. */
    @Transactional
    public long[] listingCounts(String sellerId) {
        Object[] row = (Object[]) em.createNativeQuery("""
                SELECT count(*) FILTER (WHERE status <> 'SOLD'), count(*) FILTER (WHERE status = 'SOLD')
                FROM product WHERE seller_id = :s AND deleted_at IS NULL""")
                .setParameter("s", sellerId).getSingleResult();
        return new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
    }
}
