package market.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import market.testing.Tokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** 가격 제안: OFFER messages, the seller's answer, the reservation through product, and the seller's push. */
@QuarkusTest
class OfferApiTest {

    private static final AtomicLong PRODUCT_IDS = new AtomicLong(500_000);
    private static final long PRICE = 450_000;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL base;

    /** A room of the buyer on a fresh listing of the seller; the listing's id is its room's product. */
    private record Deal(long productId, long roomId, String seller, String buyer) {}

    private static Deal deal(boolean negotiable, String status) {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long productId = PRODUCT_IDS.incrementAndGet();
        FakeUpstreams.product(productId, seller, "자전거 " + productId, PRICE, negotiable, status);
        long roomId = ((Number) given().auth()
                        .oauth2(Tokens.user(buyer))
                        .contentType(ContentType.JSON)
                        .body("{\"productId\":" + productId + "}")
                        .post("/api/chat/rooms")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
        return new Deal(productId, roomId, seller, buyer);
    }

    private static Deal deal() {
        return deal(true, "ON_SALE");
    }

    private static ValidatableResponse offer(String user, long roomId, String body) {
        return given().auth()
                .oauth2(Tokens.user(user))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/chat/rooms/" + roomId + "/messages")
                .then();
    }

    private static long offer(Deal d, long amount) {
        return ((Number) offer(d.buyer(), d.roomId(), "{\"offer\":{\"amount\":" + amount + "}}")
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
    }

    private static ValidatableResponse answer(String user, Deal d, long offerId, String action, String body) {
        var r = given().auth().oauth2(Tokens.user(user));
        if (body == null && action.equals("accept")) {
            body = "{}";
        }
        if (body != null) {
            r = r.contentType(ContentType.JSON).body(body);
        }
        return r.post("/api/chat/rooms/" + d.roomId() + "/offers/" + offerId + "/" + action)
                .then();
    }

    private static void problem(ValidatableResponse r, int status) {
        r.statusCode(status).contentType("application/problem+json");
    }

    private static List<Object> messages(Deal d) {
        return given().auth()
                .oauth2(Tokens.user(d.seller()))
                .get("/api/chat/rooms/" + d.roomId() + "/messages")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
    }

    private static String offerStatus(Deal d, long offerId) {
        return given().auth()
                .oauth2(Tokens.user(d.buyer()))
                .get("/api/chat/rooms/" + d.roomId() + "/messages")
                .then()
                .extract()
                .path("items.find { it.id == " + offerId + " }.offer.status");
    }

    @Test
    void theBuyerOffersTheSellerIsPushedAcceptsAndTheListingIsReservedForTheBuyer() {
        Deal d = deal();
        long offerId = ((Number) offer(d.buyer(), d.roomId(), "{\"offer\":{\"amount\":400000},\"clientMsgId\":\"o-1\"}")
                        .statusCode(201)
                        .body("type", equalTo("OFFER"))
                        .body("content", equalTo("가격 제안: 400,000원"))
                        .body("offer.amount", equalTo(400000))
                        .body("offer.status", equalTo("PENDING"))
                        .body("senderId", equalTo(Tokens.idOf(d.buyer())))
                        .extract()
                        .path("id"))
                .longValue();
        // the same clientMsgId again is the same offer, not a second one (and no 409)
        offer(d.buyer(), d.roomId(), "{\"offer\":{\"amount\":400000},\"clientMsgId\":\"o-1\"}")
                .statusCode(200)
                .body("id", equalTo((int) offerId))
                .body("offer.offerId", equalTo((int) offerId));

        JsonObject push = Awaitility.await("the seller's PRICE_OFFER push")
                .atMost(Duration.ofSeconds(15))
                .until(
                        () -> FakeUpstreams.events().stream()
                                .map(e -> new JsonObject(e.body()))
                                .filter(e -> ("price-offer-" + offerId).equals(e.getString("idempotencyKey")))
                                .findFirst()
                                .orElse(null),
                        e -> e != null);
        assertEquals("PRICE_OFFER", push.getString("type"));
        assertEquals(Tokens.idOf(d.seller()), push.getString("recipientId"));
        assertEquals("400000", push.getJsonObject("data").getString("amount"));
        assertEquals(Long.toString(d.roomId()), push.getJsonObject("data").getString("roomId"));

        answer(d.seller(), d, offerId, "accept", null)
                .statusCode(200)
                .body("type", equalTo("SYSTEM"))
                .body("senderId", equalTo(Tokens.idOf(d.seller())))
                .body("content", equalTo("판매자가 400,000원 가격 제안을 수락했어요."))
                .body("offer.offerId", equalTo((int) offerId))
                .body("offer.amount", equalTo(400000))
                .body("offer.status", equalTo("ACCEPTED"));
        List<String> reservations = FakeUpstreams.reservations(d.productId());
        assertEquals(1, reservations.size(), reservations.toString());
        JsonObject reservation = new JsonObject(reservations.get(0));
        assertEquals(d.roomId(), reservation.getLong("roomId"));
        assertEquals(Tokens.idOf(d.buyer()), reservation.getString("buyerId"));

        // after a reload both see the offer's state on the OFFER message itself
        assertEquals("ACCEPTED", offerStatus(d, offerId));
        assertEquals(2, messages(d).size());
        // answered once: a second answer or a withdrawal is a conflict, and nothing is added
        problem(answer(d.seller(), d, offerId, "accept", null), 409);
        problem(answer(d.seller(), d, offerId, "decline", null), 409);
        problem(answer(d.buyer(), d, offerId, "withdraw", null), 409);
        assertEquals(2, messages(d).size());
        assertEquals(1, FakeUpstreams.reservations(d.productId()).size());
    }

    @Test
    void declinedOrWithdrawnOffersCloseAndTheBuyerMayOfferAgain() {
        Deal d = deal();
        long first = offer(d, 300_000);
        problem(offer(d.buyer(), d.roomId(), "{\"offer\":{\"amount\":350000}}"), 409);
        answer(d.seller(), d, first, "decline", null)
                .statusCode(200)
                .body("content", equalTo("판매자가 300,000원 가격 제안을 거절했어요."))
                .body("offer.status", equalTo("DECLINED"));
        assertEquals("DECLINED", offerStatus(d, first));

        long second = offer(d, 350_000);
        answer(d.buyer(), d, second, "withdraw", null)
                .statusCode(200)
                .body("senderId", equalTo(Tokens.idOf(d.buyer())))
                .body("offer.status", equalTo("WITHDRAWN"));
        assertEquals("WITHDRAWN", offerStatus(d, second));

        long third = offer(d, 420_000);
        answer(d.seller(), d, third, "accept", "{\"reserve\":false}")
                .statusCode(200)
                .body("offer.status", equalTo("ACCEPTED"));
        assertTrue(FakeUpstreams.reservations(d.productId()).isEmpty(), "accepted without reserving");
        assertEquals(6, messages(d).size());
    }

    @Test
    void onlyTheBuyerOffersOnlyTheSellerAnswersAndStrangersAreRefused() {
        Deal d = deal();
        String stranger = Fixtures.user("stranger");
        problem(offer(d.seller(), d.roomId(), "{\"offer\":{\"amount\":400000}}"), 403);
        problem(offer(stranger, d.roomId(), "{\"offer\":{\"amount\":400000}}"), 403);
        problem(offer(stranger, 987_654_321L, "{\"offer\":{\"amount\":400000}}"), 404);
        given().contentType(ContentType.JSON)
                .body("{\"offer\":{\"amount\":400000}}")
                .post("/api/chat/rooms/" + d.roomId() + "/messages")
                .then()
                .statusCode(401);
        assertEquals(0, messages(d).size());

        long offerId = offer(d, 400_000);
        problem(answer(d.buyer(), d, offerId, "accept", null), 403);
        problem(answer(d.buyer(), d, offerId, "decline", null), 403);
        problem(answer(d.seller(), d, offerId, "withdraw", null), 403);
        problem(answer(stranger, d, offerId, "accept", null), 403);
        problem(answer(stranger, d, offerId, "withdraw", null), 403);
        given().post("/api/chat/rooms/" + d.roomId() + "/offers/" + offerId + "/accept")
                .then()
                .statusCode(401);
        // an id that is no offer of this room
        long text = Fixtures.send(d.seller(), d.roomId(), "음 생각해볼게요");
        problem(answer(d.seller(), d, text, "accept", null), 404);
        problem(answer(d.seller(), d, 999_999_999L, "decline", null), 404);
        Deal other = deal();
        long elsewhere = offer(other, 100_000);
        problem(answer(d.seller(), d, elsewhere, "accept", null), 404);
        problem(
                given().auth()
                        .oauth2(Tokens.user(d.seller()))
                        .contentType(ContentType.JSON)
                        .body("{}")
                        .post("/api/chat/rooms/987654321/offers/" + offerId + "/accept")
                        .then(),
                404);

        assertEquals("PENDING", offerStatus(d, offerId));
        assertEquals("PENDING", offerStatus(other, elsewhere));
        assertTrue(FakeUpstreams.reservations(d.productId()).isEmpty());
        assertEquals(2, messages(d).size());
    }

    @Test
    void onlyListingsOnSaleThatTakeOffersAndOnlyBelowThePrice() {
        Deal fixed = deal(false, "ON_SALE");
        problem(offer(fixed.buyer(), fixed.roomId(), "{\"offer\":{\"amount\":400000}}"), 422);
        Deal reserved = deal(true, "RESERVED");
        problem(offer(reserved.buyer(), reserved.roomId(), "{\"offer\":{\"amount\":400000}}"), 422);
        Deal sold = deal(true, "SOLD");
        problem(offer(sold.buyer(), sold.roomId(), "{\"offer\":{\"amount\":400000}}"), 422);
        Deal d = deal();
        problem(offer(d.buyer(), d.roomId(), "{\"offer\":{\"amount\":" + PRICE + "}}"), 422);
        problem(offer(d.buyer(), d.roomId(), "{\"offer\":{\"amount\":" + (PRICE + 1) + "}}"), 422);
        for (Deal each : List.of(fixed, reserved, sold, d)) {
            assertEquals(0, messages(each).size());
        }
        offer(d.buyer(), d.roomId(), "{\"offer\":{\"amount\":" + (PRICE - 1) + "},\"content\":\"네고 가능할까요?\"}")
                .statusCode(201)
                .body("content", equalTo("네고 가능할까요?"))
                .body("offer.amount", equalTo((int) PRICE - 1));
    }

    static Stream<Arguments> badOffers() {
        return Stream.of(
                Arguments.of("amount zero", "{\"offer\":{\"amount\":0}}"),
                Arguments.of("amount negative", "{\"offer\":{\"amount\":-1000}}"),
                Arguments.of("amount over the limit", "{\"offer\":{\"amount\":1000000001}}"),
                Arguments.of("amount as a string", "{\"offer\":{\"amount\":\"400000\"}}"),
                Arguments.of("amount with a fraction", "{\"offer\":{\"amount\":400000.5}}"),
                Arguments.of("amount null", "{\"offer\":{\"amount\":null}}"),
                Arguments.of("offer empty", "{\"offer\":{}}"),
                Arguments.of("offer not an object", "{\"offer\":400000}"),
                Arguments.of("unknown field in the offer", "{\"offer\":{\"amount\":400000,\"status\":\"ACCEPTED\"}}"),
                Arguments.of(
                        "offer and appointment",
                        "{\"offer\":{\"amount\":400000},\"appointment\":{\"at\":\"2026-12-24T10:00:00Z\",\"place\":\"역삼역\"}}"),
                Arguments.of("blank content with the offer", "{\"offer\":{\"amount\":400000},\"content\":\"   \"}"),
                Arguments.of("no content and no offer", "{}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOffers")
    void badOffersAreA400AndStoreNothing(String name, String body) {
        Deal d = deal();
        problem(offer(d.buyer(), d.roomId(), body), 400);
        assertEquals(0, messages(d).size());
        // and the buyer's one open offer is still to be had
        offer(d, 400_000);
    }

    static Stream<Arguments> badAnswers() {
        return Stream.of(
                Arguments.of("reserve as a string", "{\"reserve\":\"yes\"}"),
                Arguments.of("reserve as a number", "{\"reserve\":1}"),
                Arguments.of("unknown field", "{\"reserve\":true,\"amount\":1}"),
                Arguments.of("malformed", "{\"reserve\":"),
                Arguments.of("not an object", "[true]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAnswers")
    void badAcceptsAreA400AndChangeNothing(String name, String body) {
        Deal d = deal();
        long offerId = offer(d, 400_000);
        problem(answer(d.seller(), d, offerId, "accept", body), 400);
        assertEquals("PENDING", offerStatus(d, offerId));
        assertEquals(1, messages(d).size());
        assertTrue(FakeUpstreams.reservations(d.productId()).isEmpty());
    }

    @Test
    void twoOffersAtOnceOneIsStoredTheOtherIsAConflict() throws Exception {
        Deal d = deal();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (long amount : List.of(300_000L, 310_000L)) {
            Callable<Integer> call = () -> {
                start.await();
                return given().auth()
                        .oauth2(Tokens.user(d.buyer()))
                        .contentType(ContentType.JSON)
                        .body("{\"offer\":{\"amount\":" + amount + "}}")
                        .post("/api/chat/rooms/" + d.roomId() + "/messages")
                        .statusCode();
            };
            results.add(pool.submit(call));
        }
        start.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : results) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertEquals(List.of(201, 409), codes.stream().sorted().toList(), codes.toString());
        assertEquals(1, messages(d).size());
    }

    @Test
    void twoAnswersAtOnceOneWinsTheOtherIsAConflict() throws Exception {
        Deal d = deal();
        long offerId = offer(d, 400_000);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (String action : List.of("accept", "decline")) {
            Callable<Integer> call = () -> {
                start.await();
                return answer(d.seller(), d, offerId, action, null).extract().statusCode();
            };
            results.add(pool.submit(call));
        }
        start.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : results) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertEquals(List.of(200, 409), codes.stream().sorted().toList(), codes.toString());
        given().auth()
                .oauth2(Tokens.user(d.buyer()))
                .get("/api/chat/rooms/" + d.roomId() + "/messages")
                .then()
                .body("items", hasSize(2))
                .body("items[1].type", equalTo("SYSTEM"));
    }

    @Test
    void aReservationProductRefusesLeavesTheOfferPending() {
        Deal d = deal();
        long offerId = offer(d, 400_000);
        FakeUpstreams.reservationAnswer(d.productId(), 409);
        problem(answer(d.seller(), d, offerId, "accept", "{\"reserve\":true}"), 409);
        // no JSON body at all is an unsupported media type, and changes nothing either
        problem(
                given().auth()
                        .oauth2(Tokens.user(d.seller()))
                        .post("/api/chat/rooms/" + d.roomId() + "/offers/" + offerId + "/accept")
                        .then(),
                415);
        assertEquals("PENDING", offerStatus(d, offerId));
        assertEquals(1, messages(d).size());
        // the seller may still accept without the reservation
        answer(d.seller(), d, offerId, "accept", "{\"reserve\":false}").statusCode(200);
        assertEquals("ACCEPTED", offerStatus(d, offerId));
    }

    @Test
    void offersAndTheirAnswersTravelLiveOverTheSocket() throws Exception {
        Deal d = deal();
        try (WsClient b = WsClient.withHeader(vertx, base.getPort(), Tokens.user(d.buyer()));
                WsClient s = WsClient.withHeader(vertx, base.getPort(), Tokens.user(d.seller()))) {
            b.send(new JsonObject()
                    .put("type", "send")
                    .put("roomId", d.roomId())
                    .put("clientMsgId", "w-1")
                    .put("offer", new JsonObject().put("amount", 380000)));
            JsonObject ack = b.next("ack").getJsonObject("message");
            assertEquals("OFFER", ack.getString("type"));
            assertEquals("PENDING", ack.getJsonObject("offer").getString("status"));
            long offerId = ack.getLong("id");
            assertEquals(offerId, s.next("message").getJsonObject("message").getLong("id"));

            b.send(new JsonObject()
                    .put("type", "send")
                    .put("roomId", d.roomId())
                    .put("clientMsgId", "w-2")
                    .put("offer", new JsonObject().put("amount", 370000)));
            JsonObject duplicate = b.next("error");
            assertEquals("conflict", duplicate.getString("code"));
            assertEquals("w-2", duplicate.getString("clientMsgId"));
            b.send(new JsonObject()
                    .put("type", "send")
                    .put("roomId", d.roomId())
                    .put("clientMsgId", "w-3")
                    .put("offer", new JsonObject().put("amount", 0)));
            assertEquals("bad_frame", b.next("error").getString("code"));

            answer(d.seller(), d, offerId, "accept", null).statusCode(200);
            for (WsClient party : List.of(b, s)) {
                JsonObject update = party.next(
                                f -> "message".equals(f.getString("type"))
                                        && "SYSTEM"
                                                .equals(f.getJsonObject("message")
                                                        .getString("type")),
                                "the SYSTEM message")
                        .getJsonObject("message");
                assertEquals(offerId, update.getJsonObject("offer").getLong("offerId"));
                assertEquals("ACCEPTED", update.getJsonObject("offer").getString("status"));
            }
        }
    }
}
