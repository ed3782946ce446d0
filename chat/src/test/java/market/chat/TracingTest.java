package market.chat;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.net.URL;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Trace context and request ids leave chat with its calls: to product (the request's trace and X-Request-Id)
 * and to the other replicas (the fan-out envelope carries the sender's traceparent).
 */
@QuarkusTest
class TracingTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Redis redis;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL base;

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String traceIdOf(String traceparent) {
        assertNotNull(traceparent, "a traceparent");
        String[] parts = traceparent.split("-");
        assertEquals(4, parts.length, traceparent);
        return parts[1];
    }

    @Test
    void openingARoomAsksProductInTheCallersTraceWithItsRequestId() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long productId = Fixtures.product(seller);
        String traceId = hex(16);
        given().auth()
                .oauth2(Tokens.user(buyer))
                .contentType(ContentType.JSON)
                .header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .header("X-Request-Id", "gw-room-" + productId)
                .body("{\"productId\":" + productId + "}")
                .post("/api/chat/rooms")
                .then()
                .statusCode(201)
                .header("X-Request-Id", "gw-room-" + productId);

        Map<String, String> call = FakeUpstreams.productCallHeaders("GET /api/products/" + productId);
        assertNotNull(call, "chat asked product about the listing");
        assertEquals(traceId, traceIdOf(call.get("traceparent")));
        assertEquals("gw-room-" + productId, call.get("X-Request-Id"));
    }

    @Test
    void aMessageCarriesTheSendersTraceToTheOtherReplicas() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        String traceId = hex(16);
        try (RedisProbe otherReplica = RedisProbe.replicaHolding(redis, Tokens.idOf(seller))) {
            long id = ((Number) given().auth()
                            .oauth2(Tokens.user(buyer))
                            .contentType(ContentType.JSON)
                            .header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                            .body("{\"content\":\"추적되나요?\"}")
                            .post("/api/chat/rooms/" + roomId + "/messages")
                            .then()
                            .statusCode(201)
                            .extract()
                            .path("id"))
                    .longValue();
            JsonObject envelope = CrossReplicaTest.awaitEnvelope(otherReplica, id);
            assertEquals(traceId, traceIdOf(envelope.getString("traceparent")));
        }
    }

    @Test
    void eachWebSocketSendIsATraceOfItsOwnThatTheFanOutCarries() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        try (RedisProbe otherReplica = RedisProbe.replicaHolding(redis, Tokens.idOf(seller));
                WsClient b = WsClient.withHeader(vertx, base.getPort(), Tokens.user(buyer))) {
            b.send(WsClient.sendFrame(roomId, "첫 번째", "t-1"));
            long first = b.next("ack").getJsonObject("message").getLong("id");
            b.send(WsClient.sendFrame(roomId, "두 번째", "t-2"));
            long second = b.next("ack").getJsonObject("message").getLong("id");
            String firstTrace = traceIdOf(
                    CrossReplicaTest.awaitEnvelope(otherReplica, first).getString("traceparent"));
            String secondTrace = traceIdOf(
                    CrossReplicaTest.awaitEnvelope(otherReplica, second).getString("traceparent"));
            assertNotEquals(firstTrace, secondTrace, "one trace per message, not one per connection");
        }
    }
}
