package market.product;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import market.common.db.Db;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Search first walks the newest ~1,000 listings that pass the other filters (FeedStore.Search) and
 * only falls back to the text index when that walk does not fill a page. Both ways must give the same
 * answer: these listings put common terms inside the walk, a rare one beyond it, and one term that is
 * sparse among the newest listings and dense later, so its pages cross from the fallback to the walk.
 */
@QuarkusTest
class FeedSearchWalkTest {

    private static final int ROWS = 1200;

    @Inject
    Db db;

    private String region;
    /** Listing number (0 = newest) by id, and id by number. */
    private final Map<Integer, Integer> numberOfId = new HashMap<>();

    private final Map<Integer, Integer> idOfNumber = new HashMap<>();

    static String title(int g) {
        StringBuilder t = new StringBuilder("물건 " + g);
        if (g % 10 == 0) {
            t.append(" 삼천리 자전거");
        }
        if (g % 8 == 0) {
            t.append(" 가방");
        }
        if (g % 9 == 0) {
            t.append(" Apple iPad");
        }
        if (g == 5 || g == 700 || g == 1150) {
            t.append(" 희귀템");
        }
        if (g == 3 || g == 500 || g >= 1100) {
            t.append(" 중고폰");
        }
        return t.toString();
    }

    static long price(int g) {
        return (g * 7919L % ROWS) * 100;
    }

    static String category(int g) {
        return g % 3 == 0 ? "DIGITAL" : "OTHER";
    }

    static String status(int g) {
        return g % 4 == 1 ? "SOLD" : "ON_SALE";
    }

    @BeforeEach
    void seed() {
        region = Api.uniqueRegion();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int g = 0; g < ROWS; g++) {
                // One statement per row keeps the title rules in Java, where the expectations are computed.
                db.update("""
                        INSERT INTO product (seller_id, title, description, price, category, region, region_code,
                            status, bumped_at, created_at, updated_at)
                        VALUES ('walker', ?, ?, ?, ?, 'walk', ?, ?,
                            now() - make_interval(secs => ?), now() - make_interval(secs => ?), now())""", title(g), "설명 " + g, price(g), category(g), region, status(g), g, g);
            }
            db.update("ANALYZE product");
        });
        record Seeded(int id, String title) {}
        List<Seeded> rows = db.list(
                "SELECT id, title FROM product WHERE region_code = ?",
                r -> new Seeded((int) r.getLong("id"), r.string("title")),
                region);
        for (Seeded row : rows) {
            int g = Integer.parseInt(row.title().split(" ")[1]);
            numberOfId.put(row.id(), g);
            idOfNumber.put(g, row.id());
        }
        assertEquals(ROWS, numberOfId.size());
    }

    /** Every page of a query, followed through nextCursor; listing numbers in the order received. */
    private List<Integer> walk(int size, Object... params) {
        List<Integer> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var req = given().queryParam("regionCode", region)
                    .queryParam("range", 0)
                    .queryParam("size", size)
                    .queryParams(map(params));
            if (cursor != null) {
                req.queryParam("cursor", cursor);
            }
            JsonPath page =
                    req.get("/api/products").then().statusCode(200).extract().jsonPath();
            List<Integer> ids = page.getList("items.id", Integer.class);
            if (page.getString("nextCursor") != null) {
                assertEquals(size, ids.size(), "a page with a next cursor is full");
            }
            ids.forEach(id -> seen.add(numberOfId.get(id)));
            cursor = page.getString("nextCursor");
        } while (cursor != null && ++pages < 200);
        return seen;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private List<Integer> expected(IntPredicate matches, Comparator<Integer> order) {
        return IntStream.range(0, ROWS).filter(matches).boxed().sorted(order).toList();
    }

    private static final Comparator<Integer> NEWEST = Comparator.naturalOrder();
    private static final Comparator<Integer> CHEAPEST = Comparator.comparingLong(FeedSearchWalkTest::price);

    private Comparator<Integer> mostLikedThenNewestId() {
        // No likes here, so popular is id order, newest id first.
        return Comparator.comparingInt((Integer g) -> idOfNumber.get(g)).reversed();
    }

    @Test
    void commonTermsFillPagesInFeedOrder() {
        List<Integer> bikes = expected(g -> g % 10 == 0, NEWEST);
        JsonPath first = given().queryParams("regionCode", region, "range", 0, "q", "자전거", "size", 20)
                .get("/api/products")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                bikes.subList(0, 20).stream().map(idOfNumber::get).toList(), first.getList("items.id", Integer.class));
        assertNotNull(first.getString("nextCursor"));
        assertEquals(bikes, walk(20, "q", "자전거"));
        // Two syllables (word-bigram index), English in any case (lower()), other sort orders.
        assertEquals(expected(g -> g % 8 == 0, NEWEST), walk(20, "q", "가방"));
        assertEquals(expected(g -> g % 9 == 0, NEWEST), walk(20, "q", "IPAD"));
        assertEquals(expected(g -> g % 10 == 0, CHEAPEST), walk(20, "q", "자전거", "sort", "price_asc"));
        assertEquals(expected(g -> g % 8 == 0, CHEAPEST.reversed()), walk(7, "q", "가방", "sort", "price_desc"));
        assertEquals(expected(g -> g % 9 == 0, mostLikedThenNewestId()), walk(20, "q", "ipad", "sort", "popular"));
    }

    @Test
    void rareTermBeyondTheNewestListingsIsFound() {
        assertEquals(List.of(5, 700, 1150), walk(20, "q", "희귀템"));
        assertEquals(List.of(5, 700, 1150), walk(1, "q", "희귀템"));
        assertEquals(
                expected(g -> g == 5 || g == 700 || g == 1150, CHEAPEST), walk(20, "q", "희귀템", "sort", "price_asc"));
        assertEquals(List.of(), walk(20, "q", "없는물건"));
    }

    @Test
    void pagesCrossFromTheIndexToTheWalk() {
        // Only two matches among the newest thousand, then a hundred in a row: page 1 comes from the index,
        // later pages (their cursor is deep in the dense part) from the walk.
        List<Integer> phones = expected(g -> g == 3 || g == 500 || g >= 1100, NEWEST);
        assertEquals(102, phones.size());
        assertEquals(phones, walk(20, "q", "중고폰"));
        assertEquals(phones, walk(7, "q", "중고폰"));
        assertEquals(
                expected(g -> g == 3 || g == 500 || g >= 1100, CHEAPEST), walk(20, "q", "중고폰", "sort", "price_asc"));
    }

    @Test
    void textAndOtherFiltersCombine() {
        IntPredicate bikes = g -> g % 10 == 0;
        IntPredicate filters = g ->
                category(g).equals("DIGITAL") && status(g).equals("ON_SALE") && price(g) >= 10000 && price(g) <= 80000;
        Object[] params = {"q", "자전거", "category", "DIGITAL", "status", "ON_SALE", "minPrice", 10000, "maxPrice", 80000
        };
        List<Integer> want = expected(bikes.and(filters), NEWEST);
        assertEquals(want, walk(3, params));
        assertEquals(expected(bikes.and(filters), CHEAPEST.reversed()), walk(3, append(params, "sort", "price_desc")));
        // Fewer candidates (400 DIGITAL listings) than the walk covers: a short last page straight from it.
        JsonPath page = given().queryParams(
                        "regionCode", region, "range", 0, "q", "중고폰", "category", "DIGITAL", "size", 50)
                .get("/api/products")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Integer> phones = expected(g -> (g == 3 || g == 500 || g >= 1100) && g % 3 == 0, NEWEST);
        assertEquals(34, phones.size());
        assertEquals(phones.stream().map(idOfNumber::get).toList(), page.getList("items.id", Integer.class));
        assertNull(page.getString("nextCursor"));
        assertEquals(List.of(), walk(20, "q", "희귀템", "category", "DIGITAL"));
        assertEquals(
                expected(g -> g % 8 == 0 && status(g).equals("SOLD"), NEWEST), walk(20, "q", "가방", "status", "SOLD"));
    }

    private static Object[] append(Object[] a, Object... more) {
        Object[] out = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }
}
