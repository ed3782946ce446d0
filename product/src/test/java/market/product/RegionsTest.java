package market.product;

import static io.restassured.RestAssured.given;
import static market.product.Api.as;
import static market.product.Api.create;
import static market.product.Api.json;
import static market.product.Api.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import market.common.db.Db;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 동네 as region codes: the region list, a user's 동네 and its verification, the feed's range and the alerts that follow
 * it. Places in 제주시, which the sequential codes of {@link Api#uniqueRegion} never reach in one run: 일도1동 (A) and
 * its neighbours 일도2동 1.2 km (B), 화북동 3.5 km (C), 연동 7.3 km (D); 한림읍 28 km (E).
 */
@QuarkusTest
class RegionsTest {

    static final String A = "5011051000";
    static final String B = "5011052000";
    static final String C = "5011060000";
    static final String D = "5011065000";
    static final String E = "5011025000";
    static final double A_LAT = 33.51277;
    static final double A_LNG = 126.52901;

    @Inject
    Db db;

    private static String user(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ValidatableResponse setHome(String user, String code, Integer range) {
        return json(user)
                .body("{\"nickname\":\"nick\",\"regionCode\":\"" + code + "\""
                        + (range == null ? "" : ",\"range\":" + range) + "}")
                .put("/api/me")
                .then();
    }

    private static ValidatableResponse verify(String user, double lat, double lng, String code) {
        return json(user)
                .body("{\"lat\":" + lat + ",\"lng\":" + lng + (code == null ? "" : ",\"regionCode\":\"" + code + "\"")
                        + "}")
                .post("/api/me/region-verification")
                .then();
    }

    @Test
    void regionsAreFoundByTwoSyllablesAndByDistrictAndName() {
        given().queryParam("q", "역삼")
                .get("/api/regions")
                .then()
                .statusCode(200)
                .body("items.code", contains("1168064000", "1168065000"))
                .body("items[0].sido", equalTo("서울특별시"))
                .body("items[0].sigungu", equalTo("강남구"))
                .body("items[0].dong", equalTo("역삼1동"))
                .body("items[0].lat", equalTo(37.49994f))
                .body("items[0].lng", equalTo(127.032f))
                .body("items[0]", not(org.hamcrest.Matchers.hasKey("distanceMeters")))
                .body("nextCursor", nullValue());
        // every word must match somewhere in "시도 시군구 동"; names starting with the last word come first
        given().queryParam("q", "마포 서교").get("/api/regions").then().body("items.code", contains("1144066000"));
        given().queryParam("q", "중앙동")
                .queryParam("size", 50)
                .get("/api/regions")
                .then()
                .body("items.size()", org.hamcrest.Matchers.greaterThan(5))
                .body("items.dong", everyItem(org.hamcrest.Matchers.containsString("중앙동")))
                .body("items[0].dong", equalTo("중앙동"));
        given().queryParam("q", "제주 일도").get("/api/regions").then().body("items.code", contains(A, B));
        given().queryParam("q", "없는동네이름")
                .get("/api/regions")
                .then()
                .statusCode(200)
                .body("items", empty());
        given().get("/api/regions/" + A)
                .then()
                .statusCode(200)
                .body("dong", equalTo("일도1동"))
                .body("sigungu", equalTo("제주시"));
        // 세종 has no 시군구
        given().queryParam("q", "세종 나성").get("/api/regions").then().body("items[0].sigungu", equalTo(""));
    }

    @Test
    void nearbyStartsWithTheNearestRegion() {
        given().queryParam("lat", A_LAT)
                .queryParam("lng", A_LNG)
                .queryParam("size", 10)
                .get("/api/regions/nearby")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(10))
                .body("items[0].code", equalTo(A))
                .body("items[0].distanceMeters", equalTo(0))
                .body("items.code", hasItem(B));
        // 271 m east of 역삼2동's point
        given().queryParam("lat", "37.49845")
                .queryParam("lng", "127.048")
                .get("/api/regions/nearby")
                .then()
                .body("items[0].code", equalTo("1168065000"))
                .body("items[0].distanceMeters", equalTo(271))
                .body("items.code", hasItem("1168064000"));
        // nowhere near Korea
        given().queryParam("lat", 0)
                .queryParam("lng", 0)
                .get("/api/regions/nearby")
                .then()
                .body("items", empty());
    }

    static Stream<Arguments> badRegionQueries() {
        return Stream.of(
                Arguments.of("/api/regions", "q"),
                Arguments.of("/api/regions?q=%20%20", "q"),
                Arguments.of("/api/regions?q=" + "가".repeat(31), "q"),
                Arguments.of("/api/regions?q=역삼&size=0", "size"),
                Arguments.of("/api/regions?q=역삼&size=51", "size"),
                Arguments.of("/api/regions?q=%E2%80%AE역삼", "q"),
                Arguments.of("/api/regions/nearby?lng=127", "lat"),
                Arguments.of("/api/regions/nearby?lat=37", "lng"),
                Arguments.of("/api/regions/nearby?lat=91&lng=127", "lat"),
                Arguments.of("/api/regions/nearby?lat=37&lng=-181", "lng"),
                Arguments.of("/api/regions/nearby?lat=abc&lng=127", "lat"),
                Arguments.of("/api/regions/nearby?lat=NaN&lng=127", "lat"),
                Arguments.of("/api/regions/nearby?lat=37&lng=1e2", "lng"),
                Arguments.of("/api/regions/nearby?lat=37&lng=127&size=x", "size"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRegionQueries")
    void badRegionQueriesAre400NamingTheParameter(String path, String field) {
        problem(given().urlEncodingEnabled(false).get(path).then(), 400).body("errors[0].field", equalTo(field));
    }

    @Test
    void unknownRegionCodeIs404() {
        problem(given().get("/api/regions/9999999999").then(), 404);
        problem(given().get("/api/regions/abc").then(), 404);
    }

    @Test
    void myRegionIsACodeAndVerificationChecksThePosition() {
        String u = user("home");
        as(u).get("/api/me").then().body("regionCode", nullValue()).body("range", equalTo(1));
        // no 동네 yet: nothing to verify
        problem(verify(u, A_LAT, A_LNG, null), 422);

        int v = setHome(u, A, 2)
                .statusCode(200)
                .body("regionCode", equalTo(A))
                .body("region", equalTo("일도1동"))
                .body("regionVerifiedAt", nullValue())
                .body("range", equalTo(2))
                .extract()
                .path("version");
        // 28 km away: refused, and nothing changes
        problem(verify(u, 33.38388, 126.26900, null), 422).body("detail", startsWith("You are 28.1 km from"));
        as(u).get("/api/me").then().body("regionVerifiedAt", nullValue()).body("version", equalTo(v));
        // 500 m away: verified
        verify(u, A_LAT + 0.0045, A_LNG, null)
                .statusCode(200)
                .body("regionCode", equalTo(A))
                .body("regionVerifiedAt", notNullValue());
        given().get("/api/users/" + Tokens.idOf(u))
                .then()
                .body("region", equalTo("일도1동"))
                .body("regionCode", equalTo(A))
                .body("regionVerifiedAt", notNullValue());
        // the same 동 again keeps the verification; another 동 loses it
        setHome(u, A, 1).statusCode(200).body("regionVerifiedAt", notNullValue());
        setHome(u, B, null)
                .statusCode(200)
                .body("regionVerifiedAt", nullValue())
                .body("range", equalTo(1));
        // verifying names the 동 and makes it the 동네
        verify(u, A_LAT, A_LNG, A)
                .statusCode(200)
                .body("regionCode", equalTo(A))
                .body("regionVerifiedAt", notNullValue());
        // today's clients send a 동 name: one 행정동 has it
        json(u).body("{\"nickname\":\"nick\",\"region\":\"일도2동\"}")
                .put("/api/me")
                .then()
                .statusCode(200)
                .body("regionCode", equalTo(B));
    }

    @Test
    void aPositionInALargeRuralTownVerifiesWhenItsPointIsTheNearest() {
        String u = user("rural");
        setHome(u, E, null).statusCode(200);
        // 3.3 km north of 한림읍's point: beyond the 3 km radius, but no other 동's point is nearer
        verify(u, 33.41388, 126.26900, null).statusCode(200).body("regionVerifiedAt", notNullValue());
        // 화북동's own point is 3.5 km from 일도1동's: nearer to 화북동, so not in 일도1동
        problem(verify(u, 33.50708, 126.56566, A), 422);
        as(u).get("/api/me").then().body("regionCode", equalTo(E));
    }

    static Stream<Arguments> badProfileRegions() {
        return Stream.of(
                Arguments.of(
                        "regionCode not 10 digits", "{\"nickname\":\"nick\",\"regionCode\":\"11680\"}", "regionCode"),
                Arguments.of(
                        "regionCode no 행정동 has", "{\"nickname\":\"nick\",\"regionCode\":\"9999999999\"}", "regionCode"),
                Arguments.of("range 4", "{\"nickname\":\"nick\",\"regionCode\":\"" + A + "\",\"range\":4}", "range"),
                Arguments.of("range -1", "{\"nickname\":\"nick\",\"range\":-1}", "range"),
                Arguments.of("range as text", "{\"nickname\":\"nick\",\"range\":\"far\"}", null),
                Arguments.of("a 동 name several 시군구 share", "{\"nickname\":\"nick\",\"region\":\"중앙동\"}", "region"),
                Arguments.of(
                        "code and name disagree",
                        "{\"nickname\":\"nick\",\"regionCode\":\"" + A + "\",\"region\":\"일도2동\"}",
                        "region"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badProfileRegions")
    void badRegionsInMyProfileAre400AndChangeNothing(String name, String body, String field) {
        String u = user("badprof");
        setHome(u, B, 3).statusCode(200);
        var r = problem(json(u).body(body).put("/api/me").then(), 400);
        if (field != null) {
            r.body("errors.field", hasItem(field));
        }
        as(u).get("/api/me")
                .then()
                .body("regionCode", equalTo(B))
                .body("range", equalTo(3))
                .body("nickname", equalTo("nick"));
    }

    static Stream<Arguments> badVerifications() {
        return Stream.of(
                Arguments.of("no lat", "{\"lng\":126.5}", "lat"),
                Arguments.of("no lng", "{\"lat\":33.5}", "lng"),
                Arguments.of("lat 91", "{\"lat\":91,\"lng\":126.5}", "lat"),
                Arguments.of("lng 181", "{\"lat\":33.5,\"lng\":181}", "lng"),
                Arguments.of("bad code", "{\"lat\":33.5,\"lng\":126.5,\"regionCode\":\"x\"}", "regionCode"),
                Arguments.of(
                        "unknown code", "{\"lat\":33.5,\"lng\":126.5,\"regionCode\":\"9999999999\"}", "regionCode"),
                Arguments.of("unknown field", "{\"lat\":33.5,\"lng\":126.5,\"accuracy\":10}", null),
                Arguments.of("lat as text", "{\"lat\":\"north\",\"lng\":126.5}", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badVerifications")
    void badVerificationsAre400AndVerifyNothing(String name, String body, String field) {
        String u = user("badver");
        setHome(u, A, null).statusCode(200);
        var r = problem(json(u).body(body).post("/api/me/region-verification").then(), 400);
        if (field != null) {
            r.body("errors.field", hasItem(field));
        }
        as(u).get("/api/me").then().body("regionCode", equalTo(A)).body("regionVerifiedAt", nullValue());
    }

    @Test
    void regionRoutesNeedTheirCallers() {
        problem(
                given().contentType("application/json")
                        .body("{\"lat\":33.5,\"lng\":126.5}")
                        .post("/api/me/region-verification")
                        .then(),
                401);
        // anyone may look regions up
        given().queryParam("q", "일도").get("/api/regions").then().statusCode(200);
        given().queryParam("lat", A_LAT)
                .queryParam("lng", A_LNG)
                .get("/api/regions/nearby")
                .then()
                .statusCode(200);
    }

    @Test
    void twoEditsOfTheSameVersionOneWins() throws Exception {
        String u = user("race");
        int v = setHome(u, A, null).statusCode(200).extract().path("version");
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (String code : new String[] {B, C}) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return json(u).body("{\"nickname\":\"nick\",\"regionCode\":\"" + code + "\",\"version\":" + v + "}")
                        .put("/api/me")
                        .then()
                        .extract()
                        .statusCode();
            }));
        }
        List<Integer> codes =
                calls.stream().map(CompletableFuture::join).sorted().toList();
        assertEquals(List.of(200, 409), codes);
        as(u).get("/api/me").then().body("version", equalTo(v + 1));
    }

    /** The ids of these listings the feed answers, of the given query, in feed order. */
    private static List<Long> seen(ValidatableResponse r, Set<Long> among) {
        List<Number> ids = r.statusCode(200).extract().path("items.id");
        return ids.stream().map(Number::longValue).filter(among::contains).toList();
    }

    @Test
    void theFeedShowsWhatTheRangeReaches() {
        String seller = user("rg-seller");
        Map<String, Long> at = Map.of(
                A, create(seller, "물건 A", 1000, "OTHER", A),
                B, create(seller, "물건 B", 1000, "OTHER", B),
                C, create(seller, "물건 C", 1000, "OTHER", C),
                D, create(seller, "물건 D", 1000, "OTHER", D),
                E, create(seller, "물건 E", 1000, "OTHER", E));
        Set<Long> mine = Set.copyOf(at.values());
        java.util.function.IntFunction<Set<Long>> anonymous = step -> Set.copyOf(seen(
                given().queryParams("regionCode", A, "range", step, "size", 100)
                        .get("/api/products")
                        .then(),
                mine));
        assertEquals(Set.of(at.get(A)), anonymous.apply(0));
        assertEquals(Set.of(at.get(A), at.get(B)), anonymous.apply(1));
        assertEquals(Set.of(at.get(A), at.get(B), at.get(C)), anonymous.apply(2));
        assertEquals(Set.of(at.get(A), at.get(B), at.get(C), at.get(D)), anonymous.apply(3));
        // each listing carries its code and 동 name
        given().get("/api/products/" + at.get(C))
                .then()
                .body("regionCode", equalTo(C))
                .body("region", equalTo("화북동"));
        given().queryParams("regionCode", C, "range", 0)
                .get("/api/products")
                .then()
                .body("items[0].regionCode", equalTo(C));

        // a signed-in user with a 동네 gets their 동네 and saved range when they name no place...
        String viewer = user("rg-viewer");
        setHome(viewer, A, 1).statusCode(200);
        assertEquals(
                Set.of(at.get(A), at.get(B)),
                Set.copyOf(seen(
                        as(viewer).queryParam("size", 100).get("/api/products").then(), mine)));
        // ...or the range they ask for, and everything with region=all
        assertEquals(
                Set.of(at.get(A), at.get(B), at.get(C)),
                Set.copyOf(seen(
                        as(viewer)
                                .queryParams("range", 2, "size", 100)
                                .get("/api/products")
                                .then(),
                        mine)));
        assertEquals(
                mine,
                Set.copyOf(seen(
                        as(viewer)
                                .queryParams("region", "all", "size", 100)
                                .get("/api/products")
                                .then(),
                        mine)));
        // another centre takes their saved range
        assertEquals(
                Set.of(at.get(D)),
                Set.copyOf(seen(
                        as(viewer)
                                .queryParams("regionCode", D, "size", 100)
                                .get("/api/products")
                                .then(),
                        mine)));
        // a seller's listings are not cut by the viewer's range
        assertEquals(
                mine,
                Set.copyOf(seen(
                        as(viewer)
                                .queryParams("sellerId", Tokens.idOf(seller), "size", 100)
                                .get("/api/products")
                                .then(),
                        mine)));
        // anonymous, no place: everything
        assertEquals(
                mine,
                Set.copyOf(seen(
                        given().queryParam("size", 100).get("/api/products").then(), mine)));
    }

    @Test
    void theRangeFeedPagesByKeyset() {
        String seller = user("rg-pages");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(seller, "페이지 " + i, 1000, "OTHER", i % 2 == 0 ? A : B));
        }
        Set<Long> mine = Set.copyOf(ids);
        List<Long> walked = new ArrayList<>();
        String cursor = null;
        do {
            var req = given().queryParams("regionCode", A, "range", 1, "size", 2, "sellerId", Tokens.idOf(seller));
            if (cursor != null) {
                req.queryParam("cursor", cursor);
            }
            var page = req.get("/api/products").then().statusCode(200);
            walked.addAll(seen(page, mine));
            cursor = page.extract().path("nextCursor");
        } while (cursor != null);
        List<Long> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, walked);
    }

    static Stream<Arguments> badFeedRanges() {
        return Stream.of(
                Arguments.of("range=4&regionCode=" + A, "range"),
                Arguments.of("range=-1&regionCode=" + A, "range"),
                Arguments.of("range=near&regionCode=" + A, "range"),
                Arguments.of("regionCode=11680", "regionCode"),
                Arguments.of("regionCode=9999999999", "regionCode"),
                Arguments.of("range=1", "range"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFeedRanges")
    void badRangesAre400(String query, String field) {
        problem(given().get("/api/products?" + query).then(), 400).body("errors[0].field", equalTo(field));
    }

    /** Events of a type stored in the outbox for a user. */
    private int events(String user, String type) {
        return db.single(
                "SELECT count(*) AS n FROM outbox_event WHERE recipient_id = ? AND type = ?",
                r -> r.getInt("n"),
                Tokens.idOf(user),
                type);
    }

    @Test
    void keywordAlertsFollowEachWatchersRange() {
        String near = user("kw-near");
        String short_ = user("kw-short");
        String wide = user("kw-wide");
        setHome(near, B, 1).statusCode(200);
        setHome(short_, C, 1).statusCode(200);
        setHome(wide, C, 2).statusCode(200);
        for (String u : List.of(near, short_, wide)) {
            json(u).body("{\"keyword\":\"한라봉\"}")
                    .post("/api/me/keywords")
                    .then()
                    .statusCode(201);
        }
        create(user("kw-seller"), "한라봉 한 상자", 20000, "OTHER", A);
        // the events are stored with the listing, in its transaction
        assertEquals(1, events(near, "KEYWORD_MATCH"));
        assertEquals(1, events(wide, "KEYWORD_MATCH"));
        assertEquals(0, events(short_, "KEYWORD_MATCH"));
    }

    @Test
    void priceDropsReachLikersWhoseRangeReachesTheListing() {
        String seller = user("pd-seller");
        long id = create(seller, "귤 한 박스", 20000, "OTHER", A);
        String near = user("pd-near");
        String far = user("pd-far");
        String nowhere = user("pd-nowhere");
        setHome(near, B, 1).statusCode(200);
        setHome(far, E, 1).statusCode(200);
        for (String u : List.of(near, far, nowhere)) {
            as(u).put("/api/products/" + id + "/like").then().statusCode(204);
        }
        int v = given().get("/api/products/" + id).then().extract().path("version");
        json(seller)
                .body(Api.body("귤 한 박스", 15000, "OTHER", A).replace("}", ",\"version\":" + v + "}"))
                .put("/api/products/" + id)
                .then()
                .statusCode(200);
        assertEquals(1, events(near, "PRICE_DROP"));
        assertEquals(1, events(nowhere, "PRICE_DROP"));
        assertEquals(0, events(far, "PRICE_DROP"));
    }

    @Test
    void theRegionTableHoldsExactlyTheShippedCsv() throws IOException {
        List<String> csv = Files.readAllLines(Path.of("regions/regions.csv"));
        assertEquals("code,sido,sigungu,dong,lat,lng", csv.get(0));
        List<String> table = db.list(
                "SELECT code, sido, sigungu, dong, to_char(lat, 'FM990.00000') AS lat, to_char(lng, 'FM990.00000') AS lng"
                        + " FROM region WHERE retired_at IS NULL ORDER BY code",
                r -> Stream.of("code", "sido", "sigungu", "dong", "lat", "lng")
                        .map(c -> {
                            try {
                                String s = r.string(c);
                                return s.contains(",") ? "\"" + s + "\"" : s;
                            } catch (java.sql.SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .collect(Collectors.joining(",")));
        assertEquals(3524, table.size());
        assertEquals(csv.subList(1, csv.size()), table);
        assertTrue(table.contains("1168064000,서울특별시,강남구,역삼1동,37.49994,127.03200"));
    }
}
