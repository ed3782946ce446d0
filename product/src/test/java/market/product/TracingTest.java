package market.product;

import static io.restassured.RestAssured.given;
import static market.product.Api.create;
import static market.product.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import market.common.events.EventType;
import market.product.storage.OutboxStore;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Trace context and request ids: an event stored by a request reaches notify, through the outbox relay, in the
 * trace of that request (the traceparent is stored with the event); every answer carries a request id.
 */
@QuarkusTest
class TracingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    OutboxStore outbox;

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static FakeNotify.Received delivered(String recipient, String type) {
        String id = Tokens.idOf(recipient);
        Api.await(
                type + " for " + recipient,
                WAIT,
                () -> FakeNotify.RECEIVED.stream().anyMatch(r -> matches(r, id, type)));
        return FakeNotify.RECEIVED.stream()
                .filter(r -> matches(r, id, type))
                .findFirst()
                .orElseThrow();
    }

    private static boolean matches(FakeNotify.Received r, String recipientId, String type) {
        return r.event().path("recipientId").asText().equals(recipientId)
                && r.event().path("type").asText().equals(type);
    }

    @Test
    void theRelayCallsNotifyInTheTraceOfTheRequestThatStoredTheEvent() {
        long id = create("trace-seller", "추적되는 자전거", 40000, "SPORTS", Api.uniqueRegion());
        String traceId = hex(16);
        String callerSpan = hex(8);
        json("trace-fan")
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .body("{\"content\":\"아직 있나요?\"}")
                .post("/api/products/" + id + "/comments")
                .then()
                .statusCode(201);

        String sent = delivered("trace-seller", "COMMENT").traceparent();
        assertNotNull(sent, "the relay's call to notify carries a traceparent");
        String[] parts = sent.split("-");
        assertEquals(4, parts.length, sent);
        assertEquals(traceId, parts[1], "notify is called in the trace of the comment request: " + sent);
        assertNotEquals(callerSpan, parts[2], "the parent is the relay's span, not the caller's");
        assertEquals("01", parts[3], "the caller's sampling decision is kept");
    }

    @Test
    void anEventStoredOutsideARequestIsDeliveredInATraceOfItsOwn() {
        String recipient = "trace-quiet";
        // The test thread has no current span: the event is stored without a traceparent (as with tracing off).
        QuarkusTransaction.requiringNew()
                .run(() -> outbox.publish(
                        "trace-test:" + UUID.randomUUID(),
                        EventType.LIKE,
                        Tokens.idOf(recipient),
                        "관심",
                        "누군가 관심을 보였어요",
                        Map.of("productId", 1)));
        String sent = delivered(recipient, "LIKE").traceparent();
        assertNotNull(sent, "the relay starts a trace of its own");
        assertTrue(sent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"), sent);
    }

    @Test
    void everyAnswerCarriesTheGatewaysRequestIdOrANewOne() {
        assertEquals(
                "gw-4f1c2a",
                given().header("X-Request-Id", "gw-4f1c2a")
                        .get("/api/categories")
                        .then()
                        .statusCode(200)
                        .extract()
                        .header("X-Request-Id"));
        String generated =
                given().get("/api/categories").then().statusCode(200).extract().header("X-Request-Id");
        assertTrue(
                generated != null && generated.matches("[0-9a-f-]{36}"), "a new id when none is given: " + generated);
        String replaced = given().header("X-Request-Id", "x\" injected=1")
                .get("/api/categories")
                .then()
                .statusCode(200)
                .extract()
                .header("X-Request-Id");
        assertTrue(replaced.matches("[0-9a-f-]{36}"), "an id that is not a plain token is replaced: " + replaced);
        assertEquals(
                "gw-404",
                given().header("X-Request-Id", "gw-404")
                        .get("/api/nothing-here")
                        .then()
                        .statusCode(404)
                        .extract()
                        .header("X-Request-Id"));
    }
}
