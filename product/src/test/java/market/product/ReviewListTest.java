package market.product;

import static io.restassured.RestAssured.given;
import static market.product.Api.as;
import static market.product.Api.create;
import static market.product.Api.json;
import static market.product.Api.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.stream.Stream;
import market.common.db.Db;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** 거래후기 people can see: chips, GET /api/users/{id}/reviews, the profile's counts, reviews/mine, REVIEW_REQUEST. */
@QuarkusTest
class ReviewListTest {

    @Inject
    Db db;

    /** A sold listing of {@code seller} to {@code buyer} (both with profiles). */
    private static long sold(String seller, String buyer, String title) {
        as(seller).get("/api/me").then().statusCode(200);
        as(buyer).get("/api/me").then().statusCode(200);
        long id = create(seller, title, 5000, "DIGITAL", Api.uniqueRegion());
        Api.chatted(id, buyer);
        json(seller)
                .body("{\"status\":\"SOLD\",\"buyerId\":\"" + Tokens.idOf(buyer) + "\"}")
                .patch("/api/products/" + id + "/status")
                .then()
                .statusCode(200);
        return id;
    }

    @Test
    void aReviewWithChipsShowsOnTheRevieweesProfile() {
        long id = sold("rl-seller", "rl-buyer", "후기 보이는 책상");
        String seller = Tokens.idOf("rl-seller");
        String buyer = Tokens.idOf("rl-buyer");
        // 거래완료 asks both parties for a review
        Api.await(
                "REVIEW_REQUEST to both parties",
                Duration.ofSeconds(20),
                () -> !FakeNotify.to(buyer, "REVIEW_REQUEST").isEmpty()
                        && !FakeNotify.to(seller, "REVIEW_REQUEST").isEmpty());
        assertEquals(
                id,
                FakeNotify.to(seller, "REVIEW_REQUEST")
                        .get(0)
                        .path("data")
                        .path("productId")
                        .asLong());
        as("rl-buyer")
                .get("/api/products/" + id + "/reviews/mine")
                .then()
                .statusCode(200)
                .body("party", equalTo(true))
                .body("canReview", equalTo(true))
                .body("review", nullValue());
        as("rl-nosy")
                .get("/api/products/" + id + "/reviews/mine")
                .then()
                .statusCode(200)
                .body("party", equalTo(false))
                .body("canReview", equalTo(false));
        given().get("/api/products/" + id + "/reviews/mine").then().statusCode(401);
        problem(as("rl-buyer").get("/api/products/999999999/reviews/mine").then(), 404);

        json("rl-buyer")
                .body("{\"rating\":\"GREAT\",\"comment\":\"친절하셨어요\",\"chips\":[\"KIND\",\"ON_TIME\"]}")
                .post("/api/products/" + id + "/reviews")
                .then()
                .statusCode(201)
                .body("chips", equalTo(java.util.List.of("KIND", "ON_TIME")));
        as("rl-buyer")
                .get("/api/products/" + id + "/reviews/mine")
                .then()
                .body("canReview", equalTo(false))
                .body("review.rating", equalTo("GREAT"));
        json("rl-seller")
                .body("{\"rating\":\"GOOD\",\"chips\":[\"FAST_REPLY\"]}")
                .post("/api/products/" + id + "/reviews")
                .then()
                .statusCode(201);

        given().get("/api/users/" + seller + "/reviews")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].rating", equalTo("GREAT"))
                .body("items[0].comment", equalTo("친절하셨어요"))
                .body("items[0].chips", equalTo(java.util.List.of("KIND", "ON_TIME")))
                .body("items[0].reviewer.id", equalTo(buyer))
                .body("items[0].reviewer.nickname", equalTo("rl-buyer"))
                .body("items[0].reviewerRole", equalTo("BUYER"))
                .body("items[0].product.id", equalTo((int) id))
                .body("items[0].product.title", equalTo("후기 보이는 책상"))
                .body("items[0].createdAt", notNullValue())
                .body("nextCursor", nullValue());
        given().get("/api/users/" + buyer + "/reviews")
                .then()
                .body("items[0].reviewerRole", equalTo("SELLER"))
                .body("items[0].chips", equalTo(java.util.List.of("FAST_REPLY")));
        given().get("/api/users/" + seller)
                .then()
                .statusCode(200)
                .body("mannerTemperature", equalTo(37.0f))
                .body("reviewCount", equalTo(1))
                .body("chips.code", hasItem("KIND"))
                .body("chips.find { it.code == 'KIND' }.label", equalTo("친절해요"))
                .body("chips.find { it.code == 'KIND' }.count", equalTo(1))
                .body("chips.find { it.code == 'KIND' }.positive", equalTo(true));
        given().get("/api/users/" + buyer).then().body("mannerTemperature", equalTo(36.7f));
    }

    @Test
    void receivedReviewsArePagedNewestFirst() {
        String seller = Tokens.idOf("rp-seller");
        long first = sold("rp-seller", "rp-buyer1", "첫 거래");
        long second = sold("rp-seller", "rp-buyer2", "둘째 거래");
        json("rp-buyer1")
                .body("{\"rating\":\"GOOD\"}")
                .post("/api/products/" + first + "/reviews")
                .then()
                .statusCode(201);
        json("rp-buyer2")
                .body("{\"rating\":\"GREAT\"}")
                .post("/api/products/" + second + "/reviews")
                .then()
                .statusCode(201);
        String cursor = given().queryParam("size", 1)
                .get("/api/users/" + seller + "/reviews")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].product.id", equalTo((int) second))
                .body("nextCursor", notNullValue())
                .extract()
                .path("nextCursor");
        given().queryParam("size", 1)
                .queryParam("cursor", cursor)
                .get("/api/users/" + seller + "/reviews")
                .then()
                .body("items[0].product.id", equalTo((int) first))
                .body("nextCursor", nullValue());
        problem(
                given().queryParam("cursor", "garbage!")
                        .get("/api/users/" + seller + "/reviews")
                        .then(),
                400);
        problem(
                given().queryParam("size", 0)
                        .get("/api/users/" + seller + "/reviews")
                        .then(),
                400);
        problem(
                given().get("/api/users/nobody-" + System.nanoTime() + "/reviews")
                        .then(),
                404);
        problem(given().get("/api/users/" + "x".repeat(65) + "/reviews").then(), 404);
    }

    static Stream<Arguments> badReviews() {
        return Stream.of(
                Arguments.of("unknown chip", "{\"rating\":\"GREAT\",\"chips\":[\"NICE\"]}"),
                Arguments.of("positive chip with BAD", "{\"rating\":\"BAD\",\"chips\":[\"KIND\"]}"),
                Arguments.of("negative chip with GOOD", "{\"rating\":\"GOOD\",\"chips\":[\"RUDE\"]}"),
                Arguments.of("a chip twice", "{\"rating\":\"GREAT\",\"chips\":[\"KIND\",\"KIND\"]}"),
                Arguments.of("null chip", "{\"rating\":\"GREAT\",\"chips\":[null]}"),
                Arguments.of("chips not an array", "{\"rating\":\"GREAT\",\"chips\":\"KIND\"}"),
                Arguments.of("chip as a number", "{\"rating\":\"GREAT\",\"chips\":[1]}"),
                Arguments.of("lower-case chip", "{\"rating\":\"GREAT\",\"chips\":[\"kind\"]}"),
                Arguments.of(
                        "11 chips",
                        "{\"rating\":\"GREAT\",\"chips\":[\"KIND\",\"ON_TIME\",\"FAST_REPLY\",\"GOOD_CONDITION\","
                                + "\"FAIR_PRICE\",\"LATE\",\"SLOW_REPLY\",\"RUDE\",\"NOT_AS_DESCRIBED\",\"NO_SHOW\",\"KIND\"]}"),
                Arguments.of("no rating", "{\"chips\":[\"KIND\"]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badReviews")
    void badChipsAre400AndStoreNothing(String name, String body) {
        String who = "rb-" + Math.abs(name.hashCode());
        long id = sold(who + "-s", who + "-b", "나쁜 입력");
        problem(
                json(who + "-b")
                        .body(body)
                        .post("/api/products/" + id + "/reviews")
                        .then(),
                400);
        as(who + "-b").get("/api/products/" + id + "/reviews/mine").then().body("canReview", equalTo(true));
        given().get("/api/users/" + Tokens.idOf(who + "-s"))
                .then()
                .body("reviewCount", equalTo(0))
                .body("mannerTemperature", equalTo(36.5f));
    }

    @Test
    void theTemperatureStopsAt99AndAt0() {
        long up = sold("rt-hot", "rt-fan", "끝까지 오르는");
        long down = sold("rt-cold", "rt-critic", "끝까지 내리는");
        db.update("UPDATE user_profile SET manner_temperature = 98.8 WHERE id = ?", Tokens.idOf("rt-hot"));
        db.update("UPDATE user_profile SET manner_temperature = 0.3 WHERE id = ?", Tokens.idOf("rt-cold"));
        json("rt-fan")
                .body("{\"rating\":\"GREAT\"}")
                .post("/api/products/" + up + "/reviews")
                .then()
                .statusCode(201);
        json("rt-critic")
                .body("{\"rating\":\"BAD\",\"chips\":[\"NO_SHOW\"]}")
                .post("/api/products/" + down + "/reviews")
                .then()
                .statusCode(201);
        BigDecimal hot = db.single(
                "SELECT manner_temperature FROM user_profile WHERE id = ?",
                r -> r.decimal("manner_temperature"),
                Tokens.idOf("rt-hot"));
        BigDecimal cold = db.single(
                "SELECT manner_temperature FROM user_profile WHERE id = ?",
                r -> r.decimal("manner_temperature"),
                Tokens.idOf("rt-cold"));
        assertEquals(0, new BigDecimal("99.0").compareTo(hot), "capped at 99: " + hot);
        assertEquals(0, BigDecimal.ZERO.compareTo(cold), "floored at 0: " + cold);
    }
}
