package market.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import market.testing.Tokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class RoomApiTest {

    @Test
    void buyerOpensARoomOnceAndTheSellerSeesIt() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long productId = Fixtures.product(seller);

        var created = given().auth()
                .oauth2(Tokens.user(buyer))
                .contentType(ContentType.JSON)
                .body("{\"productId\":" + productId + "}")
                .post("/api/chat/rooms")
                .then()
                .statusCode(201)
                .extract();
        int id = created.path("id");
        org.hamcrest.MatcherAssert.assertThat(created.header("Location"), endsWith("/api/chat/rooms/" + id));
        // Second open returns the same room with 200.
        given().auth()
                .oauth2(Tokens.user(buyer))
                .contentType(ContentType.JSON)
                .body("{\"productId\":" + productId + "}")
                .post("/api/chat/rooms")
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("product.id", equalTo((int) productId))
                .body("product.title", equalTo("아이폰 13 미니 " + productId))
                .body("product.price", equalTo(450000))
                .body("product.status", equalTo("ON_SALE"))
                .body("product.thumbnailUrl", equalTo("/api/images/a-thumb.jpg"))
                .body("seller.id", equalTo(Tokens.idOf(seller)))
                .body("seller.nickname", equalTo(seller))
                .body("buyer.id", equalTo(Tokens.idOf(buyer)))
                .body("buyer.nickname", equalTo(buyer))
                .body("lastMessage", nullValue())
                .body("unreadCount", equalTo(0))
                .body("updatedAt", notNullValue());
        // product is told once (with chat's service token) so the listing's chatCount grows.
        String path = "PUT /internal/products/" + productId + "/chats/" + id;
        Awaitility.await("product told of " + path)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> FakeUpstreams.chatsOpened().stream()
                        .anyMatch(r -> r.body().equals(path)));
        var calls = FakeUpstreams.chatsOpened().stream()
                .filter(r -> r.body().equals(path))
                .toList();
        org.junit.jupiter.api.Assertions.assertEquals(1, calls.size(), "chat-opened calls for " + path);
        org.hamcrest.MatcherAssert.assertThat(
                calls.get(0).authorization(), org.hamcrest.Matchers.startsWith("Bearer "));
        // ...with the buyer, whom the seller may later name in a trade
        assertEquals("{\"buyerId\":\"" + Tokens.idOf(buyer) + "\"}", FakeUpstreams.chatOpenedBody(path));

        // Reopening refreshes the product snapshot (price cut, reserved).
        FakeUpstreams.product(productId, seller, "아이폰 13 미니 " + productId, 400000);
        given().auth()
                .oauth2(Tokens.user(buyer))
                .contentType(ContentType.JSON)
                .body("{\"productId\":" + productId + "}")
                .post("/api/chat/rooms")
                .then()
                .statusCode(200);

        given().auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].product.price", equalTo(400000))
                .body("items[0].id", equalTo(id))
                .body("nextCursor", nullValue());
        given().auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms/" + id)
                .then()
                .statusCode(200)
                .body("buyer.id", equalTo(Tokens.idOf(buyer)));
    }

    @Test
    void aSellerCannotChatWithThemselves() {
        String seller = Fixtures.user("seller");
        long productId = Fixtures.product(seller);
        given().auth()
                .oauth2(Tokens.user(seller))
                .contentType(ContentType.JSON)
                .body("{\"productId\":" + productId + "}")
                .post("/api/chat/rooms")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422));
        given().auth().oauth2(Tokens.user(seller)).get("/api/chat/rooms").then().body("items", hasSize(0));
    }

    @Test
    void anUnknownProductIs404() {
        given().auth()
                .oauth2(Tokens.user(Fixtures.user("buyer")))
                .contentType(ContentType.JSON)
                .body("{\"productId\":987654321}")
                .post("/api/chat/rooms")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    /** One bad request to open a room on the product (productId) by the buyer (or, where named, someone else). */
    interface BadOpen {
        void open(String buyer, long productId);
    }

    /** A JSON body (for the product's id) the API refuses with 400, naming the field. */
    static Arguments badOpenFieldError(String name, LongFunction<String> body, String field) {
        return Arguments.of(name, (BadOpen) (buyer, productId) -> given().auth()
                .oauth2(Tokens.user(buyer))
                .contentType(ContentType.JSON)
                .body(body.apply(productId))
                .post("/api/chat/rooms")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo(field)));
    }

    /** A JSON body (for the product's id) the API refuses with a 400 problem. */
    static Arguments badOpenProblem(String name, LongFunction<String> body) {
        return Arguments.of(name, (BadOpen) (buyer, productId) -> given().auth()
                .oauth2(Tokens.user(buyer))
                .contentType(ContentType.JSON)
                .body(body.apply(productId))
                .post("/api/chat/rooms")
                .then()
                .statusCode(400)
                .contentType("application/problem+json"));
    }

    static Stream<Arguments> badOpens() {
        return Stream.of(
                badOpenProblem("malformed JSON", id -> "{\"productId\": "),
                badOpenFieldError(
                        "unknown field sellerId", id -> "{\"productId\":" + id + ",\"sellerId\":\"x\"}", "sellerId"),
                badOpenFieldError("productId is text", id -> "{\"productId\":\"abc\"}", "productId"),
                badOpenFieldError("productId is a quoted number", id -> "{\"productId\":\"" + id + "\"}", "productId"),
                badOpenFieldError("productId is a fraction", id -> "{\"productId\":1.5}", "productId"),
                badOpenFieldError("no productId", id -> "{}", "productId"),
                badOpenFieldError("negative productId", id -> "{\"productId\":-5}", "productId"),
                badOpenProblem("empty body", id -> ""),
                Arguments.of("form text instead of JSON", (BadOpen) (buyer, productId) -> given().auth()
                        .oauth2(Tokens.user(buyer))
                        .contentType(ContentType.TEXT)
                        .body("productId=" + productId)
                        .post("/api/chat/rooms")
                        .then()
                        .statusCode(415)
                        .contentType("application/problem+json")),
                Arguments.of("no token", (BadOpen) (buyer, productId) -> given().contentType(ContentType.JSON)
                        .body("{\"productId\":" + productId + "}")
                        .post("/api/chat/rooms")
                        .then()
                        .statusCode(401)
                        .contentType("application/problem+json")
                        .header("WWW-Authenticate", "Bearer")),
                Arguments.of("forged token", (BadOpen) (buyer, productId) -> given().auth()
                        .oauth2(Tokens.forged(buyer))
                        .contentType(ContentType.JSON)
                        .body("{\"productId\":" + productId + "}")
                        .post("/api/chat/rooms")
                        .then()
                        .statusCode(401)),
                Arguments.of("a service's token", (BadOpen) (buyer, productId) -> given().auth()
                        .oauth2(Tokens.service("product-service"))
                        .contentType(ContentType.JSON)
                        .body("{\"productId\":" + productId + "}")
                        .post("/api/chat/rooms")
                        .then()
                        .statusCode(403)
                        .contentType("application/problem+json")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOpens")
    void badOpenRequestsAre4xxProblemsAndCreateNothing(String name, BadOpen bad) {
        String buyer = Fixtures.user("buyer");
        long productId = Fixtures.product(Fixtures.user("seller"));
        bad.open(buyer, productId);
        given().auth()
                .oauth2(Tokens.user(buyer))
                .get("/api/chat/rooms")
                .then()
                .statusCode(200)
                .body("items", hasSize(0))
                // personal: no shared cache may keep it, whatever sits in front
                .header("Cache-Control", equalTo("private, no-store"));
    }

    @Test
    void onlyParticipantsSeeARoom() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        given().auth()
                .oauth2(Tokens.user(buyer))
                .get("/api/chat/rooms/" + roomId)
                .then()
                .statusCode(200)
                .body("id", equalTo((int) roomId));
        given().auth()
                .oauth2(Tokens.user(Fixtures.user("mallory")))
                .get("/api/chat/rooms/" + roomId)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.user(buyer))
                .get("/api/chat/rooms/99999999")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.user(buyer))
                .get("/api/chat/rooms/abc")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/chat/rooms/" + roomId).then().statusCode(401).contentType("application/problem+json");
        given().get("/api/chat/rooms").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theRoomListFiltersByListingForTheSellerPickingABuyer() {
        String seller = Fixtures.user("seller");
        String bob = Fixtures.user("bob");
        String carol = Fixtures.user("carol");
        long productId = Fixtures.product(seller);
        long other = Fixtures.product(seller);
        for (String buyer : new String[] {bob, carol}) {
            given().auth()
                    .oauth2(Tokens.user(buyer))
                    .contentType(ContentType.JSON)
                    .body("{\"productId\":" + productId + "}")
                    .post("/api/chat/rooms")
                    .then()
                    .statusCode(201);
        }
        given().auth()
                .oauth2(Tokens.user(bob))
                .contentType(ContentType.JSON)
                .body("{\"productId\":" + other + "}")
                .post("/api/chat/rooms")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms?productId=" + productId + "&size=1")
                .then()
                .statusCode(200)
                .body("items", org.hamcrest.Matchers.hasSize(1))
                .body("items[0].product.id", org.hamcrest.Matchers.equalTo((int) productId))
                .body("nextCursor", org.hamcrest.Matchers.notNullValue());
        java.util.List<String> buyers = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = given().auth()
                    .oauth2(Tokens.user(seller))
                    .get("/api/chat/rooms?productId=" + productId + "&size=1"
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            buyers.addAll(page.getList("items.buyer.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        org.junit.jupiter.api.Assertions.assertEquals(
                java.util.Set.of(Tokens.idOf(bob), Tokens.idOf(carol)), java.util.Set.copyOf(buyers));
        org.junit.jupiter.api.Assertions.assertEquals(2, buyers.size());
        // Blank is no filter at all (all of the seller's rooms); surrounding spaces are ignored.
        given().auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms?productId=")
                .then()
                .statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(3));
        given().auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms?productId= " + productId + " ")
                .then()
                .statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(2));
        for (String bad : new String[] {"abc", "0", "-3", "1.5"}) {
            given().auth()
                    .oauth2(Tokens.user(seller))
                    .get("/api/chat/rooms?productId=" + bad)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void roomListIsMostRecentFirstWithLastMessageUnreadAndKeysetPages() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long first = Fixtures.room(seller, buyer);
        long second = Fixtures.room(seller, buyer);
        long third = Fixtures.room(seller, buyer);
        long messageId = Fixtures.send(buyer, first, "아직 판매중인가요?");
        Fixtures.send(buyer, first, "네고 가능할까요");

        given().auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms?size=2")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].id", equalTo((int) first))
                .body("items[0].lastMessage.content", equalTo("네고 가능할까요"))
                .body("items[0].lastMessage.senderId", equalTo(Tokens.idOf(buyer)))
                .body("items[0].unreadCount", equalTo(2))
                .body("items[1].id", equalTo((int) third))
                .body("nextCursor", notNullValue());
        String cursor = given().auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms?size=2")
                .then()
                .extract()
                .path("nextCursor");
        given().auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms?size=2&cursor=" + cursor)
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo((int) second))
                .body("nextCursor", nullValue());
        // The sender has read their own messages.
        given().auth()
                .oauth2(Tokens.user(buyer))
                .get("/api/chat/rooms/" + first)
                .then()
                .body("unreadCount", equalTo(0));

        given().auth()
                .oauth2(Tokens.user(seller))
                .contentType(ContentType.JSON)
                .body("{\"lastReadId\":" + messageId + "}")
                .post("/api/chat/rooms/" + first + "/read")
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms/" + first)
                .then()
                .body("unreadCount", equalTo(1));

        given().auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms?size=0")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("size"));
        given().auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms?size=101")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms?cursor=%%%")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms?cursor=bm9wZQ")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }
}
