package market.product;

import static io.restassured.RestAssured.given;
import static market.product.Api.as;
import static market.product.Api.create;
import static market.product.Api.json;
import static market.product.Api.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProfileKeywordReviewTest {

    @Test
    void publicProfileShowsCountsButNeverEmail() {
        String region = Api.uniqueRegion();
        long a = create("pub", region);
        create("pub", region);
        Api.json("pub")
                .body("{\"status\":\"SOLD\"}")
                .patch("/api/products/" + a + "/status")
                .then()
                .statusCode(200);
        given().get("/api/users/" + Tokens.idOf("pub"))
                .then()
                .statusCode(200)
                .body("id", equalTo(Tokens.idOf("pub")))
                .body("nickname", equalTo("pub"))
                .body("mannerTemperature", equalTo(36.5f))
                .body("onSaleCount", equalTo(1))
                .body("soldCount", equalTo(1))
                .body("$", not(hasKey("email")))
                .body("$", not(hasKey("createdAt")));
        problem(given().get("/api/users/no-such-user").then(), 404);
        problem(given().get("/api/users/" + "x".repeat(300)).then(), 404);
    }

    @Test
    void myProductsFilterByStatus() {
        String region = Api.uniqueRegion();
        long a = create("mine", region);
        long b = create("mine", region);
        create("notmine", region);
        json("mine")
                .body("{\"status\":\"RESERVED\"}")
                .patch("/api/products/" + b + "/status")
                .then()
                .statusCode(200);
        List<Integer> all = as("mine")
                .get("/api/me/products")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", Integer.class);
        org.junit.jupiter.api.Assertions.assertEquals(List.of((int) b, (int) a), all.subList(0, 2));
        as("mine")
                .queryParam("status", "RESERVED")
                .get("/api/me/products")
                .then()
                .body("items.id", equalTo(List.of((int) b)));
        problem(as("mine").queryParam("status", "LOST").get("/api/me/products").then(), 400);
        problem(given().get("/api/me/products").then(), 401);
    }

    @Test
    void keywordsCrudWithLimitOf30() {
        String user = "kw-user";
        problem(given().get("/api/me/keywords").then(), 401);
        as(user).get("/api/me/keywords").then().statusCode(200).body("items.size()", equalTo(0));
        int id = json(user)
                .body("{\"keyword\":\"  자전거 \"}")
                .post("/api/me/keywords")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.matchesPattern(".*/api/me/keywords/\\d+"))
                .body("keyword", equalTo("자전거"))
                .extract()
                .path("id");
        problem(
                json(user)
                        .body("{\"keyword\":\"자전거\"}")
                        .post("/api/me/keywords")
                        .then(),
                409);
        problem(json(user).body("{\"keyword\":\"\"}").post("/api/me/keywords").then(), 400);
        problem(
                json(user)
                        .body("{\"keyword\":\"" + "a".repeat(31) + "\"}")
                        .post("/api/me/keywords")
                        .then(),
                400);
        problem(
                json(user)
                        .body("{\"keyword\":[\"a\"]}")
                        .post("/api/me/keywords")
                        .then(),
                400);
        problem(
                json(user)
                        .body("{\"keyword\":\"a\",\"userId\":\"b\"}")
                        .post("/api/me/keywords")
                        .then(),
                400);
        problem(json(user).body("{\"keyword\"").post("/api/me/keywords").then(), 400);
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"keyword\":\"a\"}")
                        .post("/api/me/keywords")
                        .then(),
                401);
        for (int i = 1; i < 30; i++) {
            json(user)
                    .body("{\"keyword\":\"단어" + i + "\"}")
                    .post("/api/me/keywords")
                    .then()
                    .statusCode(201);
        }
        problem(
                json(user)
                        .body("{\"keyword\":\"서른하나\"}")
                        .post("/api/me/keywords")
                        .then(),
                422);
        as(user).get("/api/me/keywords")
                .then()
                .body("items.size()", equalTo(30))
                .body("items[0].keyword", equalTo("자전거"));

        problem(as("kw-other").delete("/api/me/keywords/" + id).then(), 404);
        problem(as(user).delete("/api/me/keywords/123456789").then(), 404);
        as(user).delete("/api/me/keywords/" + id).then().statusCode(204);
        as(user).get("/api/me/keywords").then().body("items.size()", equalTo(29));
        json(user)
                .body("{\"keyword\":\"<b>'; drop table x;--\"}")
                .post("/api/me/keywords")
                .then()
                .statusCode(201)
                .body("keyword", equalTo("<b>'; drop table x;--"));
    }

    @Test
    void reviewsOncePerSideAndMoveMannerTemperature() {
        String region = Api.uniqueRegion();
        long id = create("rv-seller", region);
        as("rv-buyer").get("/api/me").then().statusCode(200);
        String review = "{\"rating\":\"GREAT\",\"comment\":\"친절하세요\"}";
        problem(
                json("rv-buyer")
                        .body(review)
                        .post("/api/products/" + id + "/reviews")
                        .then(),
                403);
        problem(
                json("rv-seller")
                        .body(review)
                        .post("/api/products/" + id + "/reviews")
                        .then(),
                422);
        Api.chatted(id, "rv-buyer");
        json("rv-seller")
                .body("{\"status\":\"SOLD\",\"buyerId\":\"" + Tokens.idOf("rv-buyer") + "\"}")
                .patch("/api/products/" + id + "/status")
                .then()
                .statusCode(200);

        problem(
                json("rv-stranger")
                        .body(review)
                        .post("/api/products/" + id + "/reviews")
                        .then(),
                403);
        problem(
                given().contentType(ContentType.JSON)
                        .body(review)
                        .post("/api/products/" + id + "/reviews")
                        .then(),
                401);
        problem(
                        json("rv-buyer")
                                .body("{\"rating\":\"AMAZING\"}")
                                .post("/api/products/" + id + "/reviews")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("rating"));
        problem(
                json("rv-buyer")
                        .body("{\"comment\":\"x\"}")
                        .post("/api/products/" + id + "/reviews")
                        .then(),
                400);
        problem(
                json("rv-buyer")
                        .body("{\"rating\":\"GOOD\",\"stars\":5}")
                        .post("/api/products/" + id + "/reviews")
                        .then(),
                400);
        problem(
                json("rv-buyer")
                        .body("{\"rating\":\"GOOD\",\"comment\":\"" + "x".repeat(1001) + "\"}")
                        .post("/api/products/" + id + "/reviews")
                        .then(),
                400);
        problem(
                json("rv-buyer")
                        .body(review)
                        .post("/api/products/2222222/reviews")
                        .then(),
                404);

        json("rv-buyer")
                .body(review)
                .post("/api/products/" + id + "/reviews")
                .then()
                .statusCode(201)
                .body("rating", equalTo("GREAT"))
                .body("revieweeId", equalTo(Tokens.idOf("rv-seller")))
                .body("reviewerId", equalTo(Tokens.idOf("rv-buyer")));
        problem(
                json("rv-buyer")
                        .body(review)
                        .post("/api/products/" + id + "/reviews")
                        .then(),
                409);
        given().get("/api/users/" + Tokens.idOf("rv-seller")).then().body("mannerTemperature", equalTo(37.0f));

        json("rv-seller")
                .body("{\"rating\":\"BAD\"}")
                .post("/api/products/" + id + "/reviews")
                .then()
                .statusCode(201);
        problem(
                json("rv-seller")
                        .body("{\"rating\":\"GOOD\"}")
                        .post("/api/products/" + id + "/reviews")
                        .then(),
                409);
        given().get("/api/users/" + Tokens.idOf("rv-buyer")).then().body("mannerTemperature", equalTo(36.0f));
        as("rv-seller").get("/api/me").then().body("mannerTemperature", equalTo(37.0f));
    }
}
