package market.product;

import static io.restassured.RestAssured.given;
import static market.product.Api.create;
import static market.product.Api.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import market.common.db.Db;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class FeedSearchTest {

    @Inject
    Db db;

    @Inject
    jakarta.transaction.UserTransaction tx;

    @Test
    void keysetPagingWalksEveryListingOnceNewestFirst() {
        String region = Api.uniqueRegion();
        List<Integer> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add((int) create("feeder", "물건 " + i, 1000 + i, "OTHER", region));
        }
        List<Integer> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var req = given().queryParam("regionCode", region)
                    .queryParam("range", 0)
                    .queryParam("size", 3);
            if (cursor != null) {
                req.queryParam("cursor", cursor);
            }
            JsonPath page =
                    req.get("/api/products").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", Integer.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(3, pages);
        List<Integer> newestFirst = new ArrayList<>(created);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen);
        given().queryParam("regionCode", region)
                .queryParam("range", 0)
                .get("/api/products")
                .then()
                .body("items[0].seller.nickname", equalTo("feeder"))
                .body("items[0].description", nullValue())
                .body("items[0].thumbnailUrl", nullValue());
    }

    @Test
    void sortsKeepTheirOwnCursor() {
        String region = Api.uniqueRegion();
        create("sorter", "비싼 것", 50000, "OTHER", region);
        create("sorter", "싼 것", 100, "OTHER", region);
        create("sorter", "중간 것", 3000, "OTHER", region);
        create("sorter", "나눔", 0, "OTHER", region);
        assertEquals(List.of(0, 100, 3000, 50000), walk(region, "price_asc"));
        assertEquals(List.of(50000, 3000, 100, 0), walk(region, "price_desc"));
        assertEquals(4, walk(region, "popular").size());
        String cursor = given().queryParam("regionCode", region)
                .queryParam("range", 0)
                .queryParam("size", 1)
                .queryParam("sort", "price_asc")
                .get("/api/products")
                .then()
                .extract()
                .path("nextCursor");
        problem(
                        given().queryParam("regionCode", region)
                                .queryParam("range", 0)
                                .queryParam("cursor", cursor)
                                .get("/api/products")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("cursor"));
    }

    private static List<Integer> walk(String region, String sort) {
        List<Integer> prices = new ArrayList<>();
        String cursor = null;
        do {
            var req = given().queryParam("regionCode", region)
                    .queryParam("range", 0)
                    .queryParam("size", 1)
                    .queryParam("sort", sort);
            if (cursor != null) {
                req.queryParam("cursor", cursor);
            }
            JsonPath page =
                    req.get("/api/products").then().statusCode(200).extract().jsonPath();
            prices.addAll(page.getList("items.price", Integer.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null && prices.size() < 20);
        return prices;
    }

    @Test
    void popularOrdersByLikes() {
        String region = Api.uniqueRegion();
        long a = create("pop", "덜 인기", 1, "OTHER", region);
        long b = create("pop", "인기", 1, "OTHER", region);
        Api.as("fan1").put("/api/products/" + b + "/like").then().statusCode(204);
        Api.as("fan2").put("/api/products/" + b + "/like").then().statusCode(204);
        Api.as("fan1").put("/api/products/" + a + "/like").then().statusCode(204);
        given().queryParam("regionCode", region)
                .queryParam("range", 0)
                .queryParam("sort", "popular")
                .get("/api/products")
                .then()
                .body("items.id", equalTo(List.of((int) b, (int) a)))
                .body("items.likeCount", equalTo(List.of(2, 1)));
    }

    @Test
    void filtersCombine() {
        String region = Api.uniqueRegion();
        long phone = create("filt", "갤럭시 폰", 300000, "DIGITAL", region);
        long desk = create("filt", "책상", 20000, "FURNITURE", region);
        long other = create("filt2", "의자", 5000, "FURNITURE", region);
        Api.json("filt")
                .body("{\"status\":\"SOLD\"}")
                .patch("/api/products/" + desk + "/status")
                .then()
                .statusCode(200);
        given().queryParams("regionCode", region, "range", 0, "category", "FURNITURE")
                .get("/api/products")
                .then()
                .body("items.id", equalTo(List.of((int) other, (int) desk)));
        given().queryParams("regionCode", region, "range", 0, "status", "SOLD")
                .get("/api/products")
                .then()
                .body("items.id", equalTo(List.of((int) desk)));
        given().queryParams("regionCode", region, "range", 0, "minPrice", 5000, "maxPrice", 20000)
                .get("/api/products")
                .then()
                .body("items.id", equalTo(List.of((int) other, (int) desk)));
        given().queryParams("regionCode", region, "range", 0, "sellerId", Tokens.idOf("filt"))
                .get("/api/products")
                .then()
                .body("items.id", equalTo(List.of((int) desk, (int) phone)));
        given().queryParams("regionCode", region, "range", 0, "minPrice", 0, "maxPrice", 0)
                .get("/api/products")
                .then()
                .body("items.size()", equalTo(0));
    }

    /** A feed request that must be refused: its query, the answer, and the field named when one is. */
    record BadFeed(String name, Map<String, Object> query, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<BadFeed> badFeeds() {
        String badCursor = java.util.Base64.getUrlEncoder().encodeToString("latest\u001fx\u001fy".getBytes());
        return List.of(
                new BadFeed("size 0", Map.of("size", 0), 400, "size"),
                new BadFeed("size 101", Map.of("size", 101), 400, null),
                new BadFeed("size not a number", Map.of("size", "ten"), 400, null),
                new BadFeed("unknown sort", Map.of("sort", "random"), 400, "sort"),
                new BadFeed("status DELETED", Map.of("status", "DELETED"), 400, null),
                new BadFeed("unknown category", Map.of("category", "NOPE"), 400, null),
                new BadFeed("minPrice not a number", Map.of("minPrice", "cheap"), 400, "minPrice"),
                new BadFeed("negative maxPrice", Map.of("maxPrice", -5), 400, null),
                new BadFeed("minPrice above maxPrice", Map.of("minPrice", 10, "maxPrice", 5), 400, null),
                new BadFeed("cursor not base64", Map.of("cursor", "!!!not-base64!!!"), 400, "cursor"),
                new BadFeed("cursor of another shape", Map.of("cursor", badCursor), 400, null),
                new BadFeed("query over 100 characters", Map.of("q", "x".repeat(101)), 400, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFeeds")
    void badFeedParametersAre400(BadFeed bad) {
        ValidatableResponse r =
                problem(given().queryParams(bad.query()).get("/api/products").then(), bad.status());
        if (bad.field() != null) {
            r.body("errors[0].field", equalTo(bad.field()));
        }
    }

    @Test
    void aGarbageTokenIs401EvenOnThePublicFeed() {
        problem(given().auth().oauth2("garbage").get("/api/products").then(), 401);
    }

    @Test
    void koreanAndEnglishSearch() {
        String region = Api.uniqueRegion();
        long bike = create("searcher", "삼천리 자전거 팝니다", 80000, "SPORTS", region);
        long ipad = create("searcher", "Apple iPad Air", 400000, "DIGITAL", region);
        long desk = create("searcher", "컴퓨터책상 팝니다", 30000, "FURNITURE", region);
        long bag = create("searcher", "여행용 캐리어", 30000, "OTHER", region);
        Api.json("searcher")
                .body(Api.body("여행용 캐리어", 30000, "OTHER", region)
                        .replace("상태 좋아요. 직거래 원해요", "가방도 같이 드려요")
                        .replace("}", ",\"version\":0}"))
                .put("/api/products/" + bag)
                .then()
                .statusCode(200);

        assertEquals(List.of((int) bike), search(region, "자전거"));
        assertEquals(List.of((int) ipad), search(region, "ipad"));
        assertEquals(List.of((int) ipad), search(region, "IPAD AIR"));
        assertEquals(List.of((int) desk), search(region, "책상"));
        assertEquals(List.of((int) desk, (int) bike), search(region, "팝니다"));
        assertEquals(List.of((int) bag), search(region, "가방"));
        assertEquals(List.of((int) desk), search(region, "컴퓨터책상"));
        assertEquals(List.of(), search(region, "냉장고"));
        assertEquals(List.of(), search(region, "상책"));
        assertEquals(4, search(region, "  ").size());
        given().queryParams("q", "자전거", "regionCode", region, "range", 0, "category", "DIGITAL")
                .get("/api/products")
                .then()
                .body("items.size()", equalTo(0));
    }

    private static List<Integer> search(String region, String q) {
        return given().queryParams("q", q, "regionCode", region, "range", 0)
                .get("/api/products")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", Integer.class);
    }

    /** The queries the feed sends must be able to use the search indexes (checked with EXPLAIN). */
    @Test
    void searchUsesTheKoreanIndexes() throws Exception {
        String trigram = explain("EXPLAIN SELECT id FROM product p WHERE p.deleted_at IS NULL"
                + " AND lower((p.title || ' ' || p.description)) LIKE '%자전거%'");
        assertTrue(trigram.contains("product_search_trgm_idx"), trigram);
        String bigram = explain("EXPLAIN SELECT id FROM product p WHERE p.deleted_at IS NULL"
                + " AND word_bigrams((p.title || ' ' || p.description)) @> ARRAY[CAST('책상' AS text)]"
                + " AND strpos(lower((p.title || ' ' || p.description)), '책상') > 0");
        assertTrue(bigram.contains("product_search_bigram_idx"), bigram);
        String trgm = db.single("SELECT show_trgm('삼천리 자전거')::text AS trgm", r -> r.string("trgm"));
        assertNotNull(trgm);
        // With LC_CTYPE C pg_trgm extracts nothing from Hangul ({}); non-ASCII trigrams show as hashes.
        assertTrue(trgm.length() > 20 && trgm.contains("0x"), "pg_trgm must see Hangul (C.UTF-8 locale): " + trgm);
    }

    /**
     * The test table is tiny, so inside a transaction that is rolled back it gets a few thousand listings
     * and fresh statistics, and sequential scans are discouraged: the plan then shows the index the search
     * condition can use.
     */
    private String explain(String sql) throws Exception {
        tx.begin();
        try {
            db.update("""
                    INSERT INTO product (seller_id, title, description, price, category, region)
                    SELECT 'explain', '물건 ' || i || ' 팝니다', '설명 ' || md5(i::text), i, 'OTHER', 'explain-' || (i % 50)
                    FROM generate_series(1, 3000) AS i""");
            db.update("ANALYZE product");
            db.update("SET LOCAL enable_seqscan = off");
            return String.join("\n", db.list(sql, r -> r.string("QUERY PLAN")));
        } finally {
            tx.rollback();
        }
    }

    @Test
    void deletedListingsNeverShow() {
        String region = Api.uniqueRegion();
        long gone = create("deleter", "사라질 물건", 1, "OTHER", region);
        long kept = create("deleter", "남을 물건", 1, "OTHER", region);
        Api.as("deleter").delete("/api/products/" + gone).then().statusCode(204);
        given().queryParam("regionCode", region)
                .queryParam("range", 0)
                .get("/api/products")
                .then()
                .body("items.id", equalTo(List.of((int) kept)));
        given().queryParams("regionCode", region, "range", 0, "q", "사라질")
                .get("/api/products")
                .then()
                .body("items.size()", equalTo(0));
        given().queryParam("sellerId", Tokens.idOf("deleter"))
                .get("/api/products")
                .then()
                .body("items.id", not(hasItem((int) gone)));
    }
}
