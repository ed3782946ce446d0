package market.product;

import static io.restassured.RestAssured.given;
import static market.product.Api.as;
import static market.product.Api.create;
import static market.product.Api.json;
import static market.product.Api.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PUT /internal/products/{id}/reservation: chat reserves a listing for a room's buyer when an offer is accepted. */
@QuarkusTest
class ReservationApiTest {

    private static final AtomicLong ROOMS = new AtomicLong(7_000_000_000L + System.nanoTime() % 1_000_000L);

    private static RequestSpecification service() {
        return given().auth().oauth2(Tokens.service("chat-service")).contentType(ContentType.JSON);
    }

    private static String reservation(long roomId, String buyer) {
        return "{\"roomId\":" + roomId + ",\"buyerId\":\"" + Tokens.idOf(buyer) + "\"}";
    }

    private static int reserve(long id, String buyer) {
        return service()
                .body(reservation(ROOMS.incrementAndGet(), buyer))
                .put("/internal/products/" + id + "/reservation")
                .statusCode();
    }

    @Test
    void reservesForTheRoomsBuyerLearnsTheRoomAndIsIdempotent() {
        long id = create("resv-seller", Api.uniqueRegion());
        long room = ROOMS.incrementAndGet();
        String buyer = Tokens.idOf("resv-buyer");
        // the room's report has not reached product yet: the reservation brings it along
        service()
                .body(reservation(room, "resv-buyer"))
                .put("/internal/products/" + id + "/reservation")
                .then()
                .statusCode(204);
        as("resv-seller")
                .get("/api/products/" + id)
                .then()
                .body("status", equalTo("RESERVED"))
                .body("buyerId", equalTo(buyer))
                .body("chatCount", equalTo(1))
                .body("version", equalTo(1));
        service()
                .body(reservation(room, "resv-buyer"))
                .put("/internal/products/" + id + "/reservation")
                .then()
                .statusCode(204);
        as("resv-seller")
                .get("/api/products/" + id)
                .then()
                .body("status", equalTo("RESERVED"))
                .body("chatCount", equalTo(1))
                .body("version", equalTo(1));
        Api.await(
                "a TRADE event for the buyer about this listing",
                Duration.ofSeconds(20),
                () -> !trades(buyer, id).isEmpty());
        List<JsonNode> events = trades(buyer, id);
        assertEquals(1, events.size(), events.toString());
        assertEquals("RESERVED", events.get(0).path("data").path("status").asText());
    }

    private static List<JsonNode> trades(String buyer, long productId) {
        return FakeNotify.to(buyer, "TRADE").stream()
                .filter(e -> e.path("data").path("productId").asLong() == productId)
                .toList();
    }

    @Test
    void onlyTheServiceRoleMayReserve() {
        long id = create("resv-seller2", Api.uniqueRegion());
        String body = reservation(ROOMS.incrementAndGet(), "resv-buyer2");
        problem(
                given().contentType(ContentType.JSON)
                        .body(body)
                        .put("/internal/products/" + id + "/reservation")
                        .then(),
                401);
        problem(
                json("resv-seller2")
                        .body(body)
                        .put("/internal/products/" + id + "/reservation")
                        .then(),
                403);
        problem(
                json("resv-buyer2")
                        .body(body)
                        .put("/internal/products/" + id + "/reservation")
                        .then(),
                403);
        given().get("/api/products/" + id).then().body("status", equalTo("ON_SALE"));
    }

    @Test
    void aSoldListingOrOneReservedForSomeoneElseIsAConflictAndAGoneOneIsNotFound() {
        long id = create("resv-seller3", Api.uniqueRegion());
        assertEquals(204, reserve(id, "resv-first"));
        assertEquals(409, reserve(id, "resv-second"));
        as("resv-seller3").get("/api/products/" + id).then().body("buyerId", equalTo(Tokens.idOf("resv-first")));

        long sold = create("resv-seller3", Api.uniqueRegion());
        json("resv-seller3")
                .body("{\"status\":\"SOLD\"}")
                .patch("/api/products/" + sold + "/status")
                .then()
                .statusCode(200);
        assertEquals(409, reserve(sold, "resv-first"));
        given().get("/api/products/" + sold).then().body("status", equalTo("SOLD"));

        long deleted = create("resv-seller3", Api.uniqueRegion());
        as("resv-seller3").delete("/api/products/" + deleted).then().statusCode(204);
        assertEquals(404, reserve(deleted, "resv-first"));
        assertEquals(404, reserve(99_999_999L, "resv-first"));
        // the seller is never their own buyer
        long own = create("resv-seller3", Api.uniqueRegion());
        assertEquals(422, reserve(own, "resv-seller3"));
        given().get("/api/products/" + own)
                .then()
                .body("status", equalTo("ON_SALE"))
                .body("chatCount", equalTo(0));
    }

    static Stream<Arguments> badReservations() {
        String buyer = Tokens.idOf("resv-bad-buyer");
        return Stream.of(
                Arguments.of("no body", null),
                Arguments.of("empty object", "{}"),
                Arguments.of("no roomId", "{\"buyerId\":\"" + buyer + "\"}"),
                Arguments.of("no buyerId", "{\"roomId\":5}"),
                Arguments.of("roomId zero", "{\"roomId\":0,\"buyerId\":\"" + buyer + "\"}"),
                Arguments.of("roomId as string", "{\"roomId\":\"5\",\"buyerId\":\"" + buyer + "\"}"),
                Arguments.of("roomId fraction", "{\"roomId\":5.5,\"buyerId\":\"" + buyer + "\"}"),
                Arguments.of("buyerId empty", "{\"roomId\":5,\"buyerId\":\"\"}"),
                Arguments.of("buyerId too long", "{\"roomId\":5,\"buyerId\":\"" + "x".repeat(65) + "\"}"),
                Arguments.of("unknown field", "{\"roomId\":5,\"buyerId\":\"" + buyer + "\",\"status\":\"SOLD\"}"),
                Arguments.of("malformed", "{\"roomId\":5,"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badReservations")
    void badInputIsA400AndChangesNothing(String name, String body) {
        long id = create("resv-seller4", Api.uniqueRegion());
        RequestSpecification r = service();
        if (body != null) {
            r = r.body(body);
        }
        problem(r.put("/internal/products/" + id + "/reservation").then(), 400);
        as("resv-seller4")
                .get("/api/products/" + id)
                .then()
                .body("status", equalTo("ON_SALE"))
                .body("buyerId", nullValue())
                .body("chatCount", equalTo(0))
                .body("version", equalTo(0));
    }

    @Test
    void twoBuyersAtOnceOneWinsTheOtherIsAConflict() throws Exception {
        long id = create("resv-seller5", Api.uniqueRegion());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> results = new ArrayList<>();
        for (String buyer : List.of("resv-racer-a", "resv-racer-b")) {
            Callable<Integer> call = () -> reserve(id, buyer);
            results.add(pool.submit(call));
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : results) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertEquals(List.of(204, 409), codes.stream().sorted().toList(), codes.toString());
        as("resv-seller5")
                .get("/api/products/" + id)
                .then()
                .body("status", equalTo("RESERVED"))
                .body("version", equalTo(1));
    }
}
