package market.product;

import static io.restassured.RestAssured.given;
import static market.product.Api.as;
import static market.product.Api.body;
import static market.product.Api.create;
import static market.product.Api.json;
import static market.product.Api.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import market.common.db.Db;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class ProductApiTest {

    @Inject
    Db db;

    @Test
    void createReturns201WithLocationAndTheListing() {
        String region = Api.uniqueRegion();
        var r = json("seller1")
                .body(body("아이폰 13 미니 팝니다", 0, "DIGITAL", region))
                .post("/api/products")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.matchesPattern(".*/api/products/\\d+"))
                .header("ETag", notNullValue())
                .body("title", equalTo("아이폰 13 미니 팝니다"))
                .body("price", equalTo(0))
                .body("status", equalTo("ON_SALE"))
                .body("negotiable", equalTo(true))
                .body("regionCode", equalTo(region))
                .body("region", notNullValue())
                .body("seller.id", equalTo(Tokens.idOf("seller1")))
                .body("seller.nickname", equalTo("seller1"))
                .body("seller.mannerTemperature", equalTo(36.5f))
                .body("images.size()", equalTo(0))
                .body("likeCount", equalTo(0))
                .body("liked", equalTo(false))
                .body("version", equalTo(0))
                .body("createdAt", notNullValue())
                .body("bumpedAt", notNullValue())
                .extract();
        String location = r.header("Location");
        given().get(location)
                .then()
                .statusCode(200)
                .body("description", equalTo("상태 좋아요. 직거래 원해요"))
                .body("buyerId", nullValue());
    }

    /** One bad request to create a listing in the region; ok is a valid body for it. */
    interface BadCreate {
        void send(String region, String ok);
    }

    static Stream<Arguments> badCreates() {
        return Stream.of(
                Arguments.of("no token", (BadCreate) (region, ok) -> problem(
                        given().contentType(ContentType.JSON)
                                .body(ok)
                                .post("/api/products")
                                .then(),
                        401)),
                Arguments.of("forged token", (BadCreate) (region, ok) -> problem(
                        given().auth()
                                .oauth2(Tokens.forged("mallory"))
                                .contentType(ContentType.JSON)
                                .body(ok)
                                .post("/api/products")
                                .then(),
                        401)),
                Arguments.of("expired token", (BadCreate) (region, ok) -> problem(
                        given().auth()
                                .oauth2(Tokens.expired("alice"))
                                .contentType(ContentType.JSON)
                                .body(ok)
                                .post("/api/products")
                                .then(),
                        401)),
                Arguments.of("a service account", (BadCreate) (region, ok) -> problem(
                        given().auth()
                                .oauth2(Tokens.service("chat-service"))
                                .contentType(ContentType.JSON)
                                .body(ok)
                                .post("/api/products")
                                .then(),
                        403)),
                Arguments.of("malformed JSON", (BadCreate) (region, ok) -> problem(
                        json("bad").body("{\"title\": ").post("/api/products").then(), 400)),
                Arguments.of("a JSON array", (BadCreate) (region, ok) ->
                        problem(json("bad").body("[1,2]").post("/api/products").then(), 400)),
                Arguments.of("wrong content type", (BadCreate) (region, ok) -> problem(
                        as("bad")
                                .contentType(ContentType.TEXT)
                                .body("title=x")
                                .post("/api/products")
                                .then(),
                        415)),
                Arguments.of("empty body", (BadCreate) (region, ok) ->
                        problem(json("bad").post("/api/products").then(), 400)),
                Arguments.of("price is text", (BadCreate) (region, ok) -> problem(
                                json("bad")
                                        .body(ok.replace("\"price\":1000", "\"price\":\"abc\""))
                                        .post("/api/products")
                                        .then(),
                                400)
                        .body("errors[0].field", equalTo("price"))),
                Arguments.of("price is a fraction", (BadCreate) (region, ok) -> problem(
                                json("bad")
                                        .body(ok.replace("\"price\":1000", "\"price\":10.5"))
                                        .post("/api/products")
                                        .then(),
                                400)
                        .body("errors[0].field", equalTo("price"))),
                Arguments.of("price is a quoted number", (BadCreate) (region, ok) -> problem(
                                json("bad")
                                        .body(ok.replace("\"price\":1000", "\"price\":\"1000\""))
                                        .post("/api/products")
                                        .then(),
                                400)
                        .body("errors[0].field", equalTo("price"))),
                Arguments.of("title is a number", (BadCreate) (region, ok) -> problem(
                                json("bad")
                                        .body(ok.replace("\"title\":\"책상\"", "\"title\":42"))
                                        .post("/api/products")
                                        .then(),
                                400)
                        .body("errors[0].field", equalTo("title"))),
                Arguments.of("title is an object", (BadCreate) (region, ok) -> problem(
                                json("bad")
                                        .body(ok.replace("\"title\":\"책상\"", "\"title\":{\"a\":1}"))
                                        .post("/api/products")
                                        .then(),
                                400)
                        .body("errors[0].field", equalTo("title"))),
                Arguments.of("negotiable is text", (BadCreate) (region, ok) -> problem(
                                json("bad")
                                        .body(ok.replace("\"negotiable\":true", "\"negotiable\":\"maybe\""))
                                        .post("/api/products")
                                        .then(),
                                400)
                        .body("errors[0].field", equalTo("negotiable"))),
                Arguments.of("negative price", (BadCreate) (region, ok) -> problem(
                                json("bad")
                                        .body(ok.replace("\"price\":1000", "\"price\":-1"))
                                        .post("/api/products")
                                        .then(),
                                400)
                        .body("errors.field", hasItem("price"))),
                Arguments.of("price over the maximum", (BadCreate) (region, ok) -> problem(
                                json("bad")
                                        .body(ok.replace("\"price\":1000", "\"price\":1000000001"))
                                        .post("/api/products")
                                        .then(),
                                400)
                        .body("errors.field", hasItem("price"))),
                Arguments.of("price beyond a long", (BadCreate) (region, ok) -> problem(
                        json("bad")
                                .body(ok.replace("\"price\":1000", "\"price\":99999999999999999999999"))
                                .post("/api/products")
                                .then(),
                        400)),
                Arguments.of("title of 101 characters", (BadCreate) (region, ok) -> problem(
                                json("bad")
                                        .body(body("x".repeat(101), 1, "FURNITURE", region))
                                        .post("/api/products")
                                        .then(),
                                400)
                        .body("errors.field", hasItem("title"))),
                Arguments.of("blank title", (BadCreate) (region, ok) -> problem(
                                json("bad")
                                        .body(body("   ", 1, "FURNITURE", region))
                                        .post("/api/products")
                                        .then(),
                                400)
                        .body("errors.field", hasItem("title"))),
                Arguments.of("regionCode not 10 digits", (BadCreate) (region, ok) -> problem(
                                json("bad")
                                        .body(body("책상", 1, "FURNITURE", "r".repeat(51)))
                                        .post("/api/products")
                                        .then(),
                                400)
                        .body("errors.field", hasItem("regionCode"))),
                Arguments.of("regionCode no 행정동 has", (BadCreate) (region, ok) -> problem(
                                json("bad")
                                        .body(body("책상", 1, "FURNITURE", "9999999999"))
                                        .post("/api/products")
                                        .then(),
                                400)
                        .body("errors.field", hasItem("regionCode"))),
                Arguments.of("region name of 51 characters", (BadCreate) (region, ok) -> problem(
                                json("bad")
                                        .body(body("책상", 1, "FURNITURE", region)
                                                .replace("}", ",\"region\":\"" + "r".repeat(51) + "\"}"))
                                        .post("/api/products")
                                        .then(),
                                400)
                        .body("errors.field", hasItem("region"))),
                Arguments.of("unknown category", (BadCreate) (region, ok) -> problem(
                                json("bad")
                                        .body(body("책상", 1, "SPACESHIPS", region))
                                        .post("/api/products")
                                        .then(),
                                400)
                        .body("errors[0].field", equalTo("category"))),
                Arguments.of("missing price", (BadCreate) (region, ok) -> problem(
                                json("bad")
                                        .body("{\"title\":\"책상\"}")
                                        .post("/api/products")
                                        .then(),
                                400)
                        .body("errors.field", hasItem("price"))),
                Arguments.of("server-set status", (BadCreate) (region, ok) -> problem(
                                json("bad")
                                        .body(ok.replace("{", "{\"status\":\"SOLD\","))
                                        .post("/api/products")
                                        .then(),
                                400)
                        .body("errors[0].field", equalTo("status"))),
                Arguments.of("server-set likeCount", (BadCreate) (region, ok) -> problem(
                        json("bad")
                                .body(ok.replace("{", "{\"likeCount\":999,"))
                                .post("/api/products")
                                .then(),
                        400)),
                Arguments.of("body over the size limit", (BadCreate) (region, ok) -> problem(
                        json("bad")
                                .body(ok.replace("상태 좋아요", "x".repeat(70_000)))
                                .post("/api/products")
                                .then(),
                        413)),
                Arguments.of("NUL character in the title", (BadCreate) (region, ok) -> problem(
                        json("bad")
                                .body(ok.replace("책상", "책\\u0000상"))
                                .post("/api/products")
                                .then(),
                        400)),
                Arguments.of("NUL character in q", (BadCreate) (region, ok) -> problem(
                                given().queryParam("q", "책\u0000상")
                                        .get("/api/products")
                                        .then(),
                                400)
                        .body("errors[0].field", equalTo("q"))),
                Arguments.of("NUL character in sellerId", (BadCreate) (region, ok) -> problem(
                        given().queryParam("sellerId", "a\u0000")
                                .get("/api/products")
                                .then(),
                        400)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCreates")
    void createRejectsBadInputWithProblemJsonAndStoresNothing(String name, BadCreate bad) {
        String region = Api.uniqueRegion();
        bad.send(region, body("책상", 1000, "FURNITURE", region));

        given().queryParam("regionCode", region)
                .queryParam("range", 0)
                .get("/api/products")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void sqlAndHtmlLookingTextIsStoredVerbatim() {
        String region = Api.uniqueRegion();
        String title = "'; DROP TABLE product; -- <script>alert(1)</script>";
        long id = create("seller2", title, 5, "OTHER", region);
        given().get("/api/products/" + id).then().statusCode(200).body("title", equalTo(title));
        given().queryParam("q", "DROP TABLE")
                .queryParam("regionCode", region)
                .queryParam("range", 0)
                .get("/api/products")
                .then()
                .statusCode(200)
                .body("items[0].title", equalTo(title));
        given().queryParam("q", "%")
                .queryParam("regionCode", region)
                .queryParam("range", 0)
                .get("/api/products")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void updateIsOwnerOnlyAndChecksVersions() {
        String region = Api.uniqueRegion();
        long id = create("owner3", "원목 의자", 20000, "FURNITURE", region);
        String edit = body("원목 의자 2개", 15000, "FURNITURE", region).replace("}", ",\"version\":0}");

        problem(json("other3").body(edit).put("/api/products/" + id).then(), 403);
        problem(
                given().contentType(ContentType.JSON)
                        .body(edit)
                        .put("/api/products/" + id)
                        .then(),
                401);
        problem(json("owner3").body(edit).put("/api/products/999999999").then(), 404);
        problem(
                        json("owner3")
                                .body(body("원목 의자", 1, "FURNITURE", region))
                                .put("/api/products/" + id)
                                .then(),
                        400)
                .body("errors[0].field", equalTo("version"));
        problem(
                json("owner3")
                        .body(edit.replace("15000", "\"x\""))
                        .put("/api/products/" + id)
                        .then(),
                400);
        given().get("/api/products/" + id)
                .then()
                .body("title", equalTo("원목 의자"))
                .body("version", equalTo(0));

        json("owner3")
                .body(edit)
                .put("/api/products/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("title", equalTo("원목 의자 2개"))
                .body("price", equalTo(15000))
                .body("version", equalTo(1));
        // the same stale version again: 409; a stale If-Match: 412
        problem(json("owner3").body(edit).put("/api/products/" + id).then(), 409);
        problem(
                json("owner3")
                        .header("If-Match", "\"0\"")
                        .body(body("덮어쓰기", 1, "FURNITURE", region))
                        .put("/api/products/" + id)
                        .then(),
                412);
        json("owner3")
                .header("If-Match", "\"1\"")
                .body(body("원목 의자 세트", 14000, "FURNITURE", region))
                .put("/api/products/" + id)
                .then()
                .statusCode(200)
                .body("version", equalTo(2));
        given().get("/api/products/" + id).then().body("title", equalTo("원목 의자 세트"));
    }

    @Test
    void concurrentEditsWithTheSameVersionLetExactlyOneWin() throws Exception {
        String region = Api.uniqueRegion();
        long id = create("owner4", "동시 수정", 100, "OTHER", region);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String edit = body("수정 " + i, 100 + i, "OTHER", region).replace("}", ",\"version\":0}");
            Callable<Integer> call =
                    () -> json("owner4").body(edit).put("/api/products/" + id).statusCode();
            results.add(pool.submit(call));
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : results) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, codes.stream().filter(c -> c == 200).count(), codes.toString());
        assertEquals(3, codes.stream().filter(c -> c == 409).count(), codes.toString());
        given().get("/api/products/" + id).then().body("version", equalTo(1));
    }

    @Test
    void statusChangesNameTheBuyerOnlyWhenSold() {
        String region = Api.uniqueRegion();
        long id = create("owner5", region);
        String buyer = Tokens.idOf("buyer5");
        problem(
                json("other5")
                        .body("{\"status\":\"RESERVED\"}")
                        .patch("/api/products/" + id + "/status")
                        .then(),
                403);
        problem(
                        json("owner5")
                                .body("{\"status\":\"GONE\"}")
                                .patch("/api/products/" + id + "/status")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("status"));
        problem(
                json("owner5")
                        .body("{\"status\":1}")
                        .patch("/api/products/" + id + "/status")
                        .then(),
                400);
        problem(
                        json("owner5")
                                .body("{\"status\":\"SOLD\",\"price\":1}")
                                .patch("/api/products/" + id + "/status")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("price"));
        problem(
                json("owner5")
                        .body("{\"status\":")
                        .patch("/api/products/" + id + "/status")
                        .then(),
                400);
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"status\":\"SOLD\"}")
                        .patch("/api/products/" + id + "/status")
                        .then(),
                401);
        problem(
                        json("owner5")
                                .body("{}")
                                .patch("/api/products/" + id + "/status")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("status"));
        problem(
                        json("owner5")
                                .body("{\"status\":\"ON_SALE\",\"buyerId\":\"" + buyer + "\"}")
                                .patch("/api/products/" + id + "/status")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("buyerId"));
        problem(
                json("owner5")
                        .body("{\"status\":\"SOLD\",\"buyerId\":\"" + buyer + "\"}")
                        .patch("/api/products/" + id + "/status")
                        .then(),
                422);
        problem(
                json("owner5")
                        .body("{\"status\":\"SOLD\",\"buyerId\":\"" + Tokens.idOf("owner5") + "\"}")
                        .patch("/api/products/" + id + "/status")
                        .then(),
                422);
        problem(
                json("owner5")
                        .body("{\"status\":\"SOLD\",\"version\":7}")
                        .patch("/api/products/" + id + "/status")
                        .then(),
                409);
        problem(
                json("owner5")
                        .header("If-Match", "\"7\"")
                        .body("{\"status\":\"SOLD\"}")
                        .patch("/api/products/" + id + "/status")
                        .then(),
                412);
        given().get("/api/products/" + id).then().body("status", equalTo("ON_SALE"));

        Api.chatted(id, "buyer5");
        json("owner5")
                .body("{\"status\":\"RESERVED\"}")
                .patch("/api/products/" + id + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("RESERVED"));
        json("owner5")
                .body("{\"status\":\"SOLD\",\"buyerId\":\"" + buyer + "\"}")
                .patch("/api/products/" + id + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("SOLD"))
                .body("buyerId", equalTo(buyer));
        json("owner5")
                .body("{\"status\":\"ON_SALE\"}")
                .patch("/api/products/" + id + "/status")
                .then()
                .statusCode(200)
                .body("buyerId", nullValue());
    }

    @Test
    void bumpOncePer24Hours() {
        String region = Api.uniqueRegion();
        long id = create("owner6", region);
        problem(as("other6").post("/api/products/" + id + "/bump").then(), 403);
        problem(as("owner6").post("/api/products/" + id + "/bump").then(), 429).header("Retry-After", notNullValue());
        long retryAfter = Long.parseLong(
                as("owner6").post("/api/products/" + id + "/bump").header("Retry-After"));
        assertTrue(retryAfter > 86_000 && retryAfter <= 86_400, "Retry-After " + retryAfter);

        long older = create("owner6", region);
        ageListing(id, 25);
        given().queryParam("regionCode", region)
                .queryParam("range", 0)
                .get("/api/products")
                .then()
                .body("items[0].id", equalTo((int) older));
        as("owner6").post("/api/products/" + id + "/bump").then().statusCode(200);
        given().queryParam("regionCode", region)
                .queryParam("range", 0)
                .get("/api/products")
                .then()
                .body("items[0].id", equalTo((int) id));
        problem(as("owner6").post("/api/products/" + id + "/bump").then(), 429);
        problem(as("owner6").post("/api/products/424242424/bump").then(), 404);
    }

    void ageListing(long id, int hours) {
        db.update("UPDATE product SET bumped_at = bumped_at - make_interval(hours => ?) WHERE id = ?", hours, id);
    }

    @Test
    void deleteIsSoftAndOnlyForOwnerOrAdmin() {
        String region = Api.uniqueRegion();
        long id = create("owner7", region);
        long other = create("owner7", region);
        problem(as("other7").delete("/api/products/" + id).then(), 403);
        problem(given().delete("/api/products/" + id).then(), 401);
        given().get("/api/products/" + id).then().statusCode(200);

        as("owner7").delete("/api/products/" + id).then().statusCode(204);
        problem(given().get("/api/products/" + id).then(), 404);
        problem(as("owner7").delete("/api/products/" + id).then(), 404);
        problem(
                json("owner7")
                        .body("{\"status\":\"SOLD\"}")
                        .patch("/api/products/" + id + "/status")
                        .then(),
                404);
        given().queryParam("regionCode", region)
                .queryParam("range", 0)
                .get("/api/products")
                .then()
                .body("items.id", equalTo(List.of((int) other)));

        given().auth()
                .oauth2(Tokens.admin("root"))
                .delete("/api/products/" + other)
                .then()
                .statusCode(204);
        problem(given().get("/api/products/" + other).then(), 404);
    }

    @Test
    void unknownAndMalformedIdsAre404() {
        problem(given().get("/api/products/987654321").then(), 404);
        problem(given().get("/api/products/abc").then(), 404);
        problem(given().get("/api/products/99999999999999999999999").then(), 404);
    }

    @Test
    void detailCountsAViewOncePerViewerPerHour() {
        String region = Api.uniqueRegion();
        long id = create("owner8", region);
        as("viewer8a").get("/api/products/" + id).then().body("viewCount", equalTo(1));
        as("viewer8a").get("/api/products/" + id).then().body("viewCount", equalTo(1));
        as("viewer8b").get("/api/products/" + id).then().body("viewCount", equalTo(2));
        as("owner8").get("/api/products/" + id).then().body("viewCount", equalTo(2));
        given().get("/api/products/" + id).then().body("viewCount", equalTo(3));
        given().get("/api/products/" + id).then().body("viewCount", equalTo(3));
        given().get("/api/products").then().statusCode(200);
    }
}
