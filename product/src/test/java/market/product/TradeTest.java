package market.product;

import static io.restassured.RestAssured.given;
import static market.product.Api.as;
import static market.product.Api.create;
import static market.product.Api.json;
import static market.product.Api.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;

/** 예약중 / 거래완료 with a real buyer, one round of reviews per listing, 구매내역. */
@QuarkusTest
class TradeTest {

    private static void status(String seller, long id, String status, String buyer, int expected) {
        String body = buyer == null
                ? "{\"status\":\"" + status + "\"}"
                : "{\"status\":\"" + status + "\",\"buyerId\":\"" + buyer + "\"}";
        var r = json(seller).body(body).patch("/api/products/" + id + "/status").then();
        if (expected == 200) {
            r.statusCode(200);
        } else {
            problem(r, expected);
        }
    }

    private static void review(String who, long id, String rating, int expected) {
        var r = json(who)
                .body("{\"rating\":\"" + rating + "\"}")
                .post("/api/products/" + id + "/reviews")
                .then();
        if (expected == 201) {
            r.statusCode(201);
        } else {
            problem(r, expected);
        }
    }

    private static List<JsonNode> awaitTrade(String user, int count) {
        String id = Tokens.idOf(user);
        Api.await(
                count + " TRADE event(s) for " + user,
                Duration.ofSeconds(20),
                () -> FakeNotify.to(id, "TRADE").size() >= count);
        return FakeNotify.to(id, "TRADE");
    }

    @Test
    void onlySomeoneWhoChattedCanBeTheBuyer() {
        long id = create("tr-seller", Api.uniqueRegion());
        Api.chatted(id, "tr-chatter");
        status("tr-seller", id, "SOLD", Tokens.idOf("tr-stranger"), 422);
        status("tr-seller", id, "SOLD", "made-up-user-id", 422);
        status("tr-seller", id, "RESERVED", Tokens.idOf("tr-stranger"), 422);
        given().get("/api/products/" + id).then().body("status", equalTo("ON_SALE"));
        // someone who chatted about another listing is no buyer of this one
        long other = create("tr-seller", Api.uniqueRegion());
        Api.chatted(other, "tr-elsewhere");
        status("tr-seller", id, "SOLD", Tokens.idOf("tr-elsewhere"), 422);
        problem(
                json("tr-elsewhere")
                        .body("{\"rating\":\"GREAT\"}")
                        .post("/api/products/" + id + "/reviews")
                        .then(),
                403);
        as("tr-seller").get("/api/users/" + Tokens.idOf("tr-seller")).then().statusCode(200);
        given().get("/api/users/" + Tokens.idOf("tr-seller")).then().body("mannerTemperature", equalTo(36.5f));
    }

    @Test
    void reservedForAChatPartnerTellsThemAndShowsTheBuyerOnlyToTheParties() {
        String region = Api.uniqueRegion();
        long id = create("rs-seller", region);
        Api.chatted(id, "rs-buyer");
        String buyer = Tokens.idOf("rs-buyer");
        json("rs-seller")
                .body("{\"status\":\"RESERVED\",\"buyerId\":\"" + buyer + "\"}")
                .patch("/api/products/" + id + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("RESERVED"))
                .body("buyerId", equalTo(buyer));
        JsonNode e = awaitTrade("rs-buyer", 1).get(0);
        assertEquals(id, e.path("data").path("productId").asLong());
        assertEquals("RESERVED", e.path("data").path("status").asText());
        // the two parties see the buyer; nobody else does, in the detail or the feed
        as("rs-seller").get("/api/products/" + id).then().body("buyerId", equalTo(buyer));
        as("rs-buyer").get("/api/products/" + id).then().body("buyerId", equalTo(buyer));
        as("rs-nosy").get("/api/products/" + id).then().body("buyerId", nullValue());
        given().get("/api/products/" + id).then().body("buyerId", nullValue()).body("status", equalTo("RESERVED"));
        given().queryParam("regionCode", region)
                .queryParam("range", 0)
                .get("/api/products")
                .then()
                .body("items[0].id", equalTo((int) id))
                .body("items[0].buyerId", nullValue());
        as("rs-nosy")
                .queryParam("regionCode", region)
                .queryParam("range", 0)
                .get("/api/products")
                .then()
                .body("items[0].buyerId", nullValue());
        as("rs-seller")
                .queryParam("regionCode", region)
                .queryParam("range", 0)
                .get("/api/products")
                .then()
                .body("items[0].buyerId", equalTo(buyer));
        as("rs-seller").get("/api/me/products").then().body("items[0].buyerId", equalTo(buyer));
        // reserved is no sale: no reviews yet, nothing bought
        review("rs-buyer", id, "GREAT", 422);
        as("rs-buyer").get("/api/me/purchases").then().statusCode(200).body("items.id", not(hasItem((int) id)));

        status("rs-seller", id, "SOLD", buyer, 200);
        // the sale opens the round of reviews: the buyer is asked to review (REVIEW_REQUEST), no second TRADE
        Api.await(
                "REVIEW_REQUEST for rs-buyer",
                Duration.ofSeconds(20),
                () -> !FakeNotify.to(buyer, "REVIEW_REQUEST").isEmpty());
        JsonNode sold = FakeNotify.to(buyer, "REVIEW_REQUEST").get(0);
        assertEquals("SOLD", sold.path("data").path("status").asText());
        assertEquals(id, sold.path("data").path("productId").asLong());
        as("rs-buyer")
                .get("/api/me/purchases")
                .then()
                .statusCode(200)
                .body("items[0].id", equalTo((int) id))
                .body("items[0].buyerId", equalTo(buyer))
                .body("items[0].status", equalTo("SOLD"));
        // the same state again sends nothing new
        status("rs-seller", id, "SOLD", buyer, 200);
        Api.await("no further event", Duration.ofMillis(1500), () -> true);
        assertEquals(1, FakeNotify.to(buyer, "TRADE").size());
        assertEquals(1, FakeNotify.to(buyer, "REVIEW_REQUEST").size());
    }

    @Test
    void aListingHasOneRoundOfReviewsFlippingTheStatusOpensNoOther() {
        long id = create("fl-seller", Api.uniqueRegion());
        Api.chatted(id, "fl-buyer1");
        Api.chatted(id, "fl-buyer2");
        status("fl-seller", id, "SOLD", Tokens.idOf("fl-buyer1"), 200);
        review("fl-buyer1", id, "GREAT", 201);
        given().get("/api/users/" + Tokens.idOf("fl-seller")).then().body("mannerTemperature", equalTo(37.0f));

        // SOLD → ON_SALE → SOLD to another chat partner: the reviewed trade stands, no second round
        status("fl-seller", id, "ON_SALE", null, 200);
        status("fl-seller", id, "SOLD", Tokens.idOf("fl-buyer2"), 200);
        review("fl-buyer2", id, "GREAT", 403);
        review("fl-buyer1", id, "GREAT", 409);
        given().get("/api/users/" + Tokens.idOf("fl-seller")).then().body("mannerTemperature", equalTo(37.0f));
        // the seller still reviews the buyer of the trade
        json("fl-seller")
                .body("{\"rating\":\"GOOD\"}")
                .post("/api/products/" + id + "/reviews")
                .then()
                .statusCode(201)
                .body("revieweeId", equalTo(Tokens.idOf("fl-buyer1")));
        as("fl-buyer1").get("/api/me/purchases").then().body("items.id", hasItem((int) id));
        as("fl-buyer2").get("/api/me/purchases").then().body("items.id", not(hasItem((int) id)));
    }

    @Test
    void beforeAnyReviewTheSellerMayCorrectTheBuyerOrUndoTheSale() {
        long id = create("fx-seller", Api.uniqueRegion());
        Api.chatted(id, "fx-wrong");
        Api.chatted(id, "fx-right");
        status("fx-seller", id, "SOLD", Tokens.idOf("fx-wrong"), 200);
        status("fx-seller", id, "SOLD", Tokens.idOf("fx-right"), 200);
        review("fx-wrong", id, "BAD", 403);
        as("fx-wrong").get("/api/me/purchases").then().body("items.id", not(hasItem((int) id)));
        // undone: no trade, no reviews from anyone
        status("fx-seller", id, "ON_SALE", null, 200);
        review("fx-right", id, "GOOD", 403);
        review("fx-seller", id, "GOOD", 422);
        as("fx-right").get("/api/me/purchases").then().body("items.id", not(hasItem((int) id)));
        // sold elsewhere (no buyer named): no trade either
        status("fx-seller", id, "SOLD", null, 200);
        review("fx-seller", id, "GOOD", 422);
        status("fx-seller", id, "SOLD", Tokens.idOf("fx-right"), 200);
        review("fx-right", id, "GOOD", 201);
    }

    @Test
    void purchasesArePagedAndPrivate() {
        String region = Api.uniqueRegion();
        for (int i = 0; i < 3; i++) {
            long id = create("pu-seller", region);
            Api.chatted(id, "pu-buyer");
            status("pu-seller", id, "SOLD", Tokens.idOf("pu-buyer"), 200);
        }
        var first = as("pu-buyer")
                .queryParam("size", 2)
                .get("/api/me/purchases")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(2))
                .extract()
                .jsonPath();
        String cursor = first.getString("nextCursor");
        int third = as("pu-buyer")
                .queryParam("size", 2)
                .queryParam("cursor", cursor)
                .get("/api/me/purchases")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("nextCursor", nullValue())
                .extract()
                .path("items[0].id");
        assertEquals(false, first.getList("items.id").contains(third));
        as("pu-seller").get("/api/me/purchases").then().statusCode(200).body("items.size()", equalTo(0));
        problem(given().get("/api/me/purchases").then(), 401);
        problem(
                as("pu-buyer")
                        .queryParam("cursor", "not-a-cursor")
                        .get("/api/me/purchases")
                        .then(),
                400);
        problem(as("pu-buyer").queryParam("size", 0).get("/api/me/purchases").then(), 400);
    }
}
