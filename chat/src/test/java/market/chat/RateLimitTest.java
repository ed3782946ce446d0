package market.chat;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.Map;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;

/** With a low limit, so that even this slow, shared machine sends faster than allowed. */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimit.class)
class RateLimitTest {

    public static class LowLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The block cache as in production (the test profile turns it off): no call to product per send,
            // which would slow the sends below the limit on a loaded machine.
            return Map.of(
                    "market.rate-limit.actions.chat-send.limit",
                    "3",
                    "market.rate-limit.actions.chat-send.burst",
                    "3",
                    "market.chat.block-cache-ttl",
                    "1h");
        }
    }

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL base;

    @Test
    void aFloodingSenderGets429OverRest() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        String token = Tokens.user(buyer);
        int created = 0;
        int limited = 0;
        for (int i = 0; i < 20; i++) {
            var r = given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body("{\"content\":\"spam " + i + "\"}")
                    .post("/api/chat/rooms/" + roomId + "/messages")
                    .then()
                    .extract();
            if (r.statusCode() == 201) {
                created++;
            } else {
                assertEquals(429, r.statusCode());
                assertEquals("application/problem+json", r.contentType());
                assertEquals("1", r.header("Retry-After"));
                limited++;
            }
        }
        assertTrue(limited > 0, "some sends were limited");
        int stored = given().auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms/" + roomId + "/messages?size=100")
                .then()
                .extract()
                .path("items.size()");
        assertEquals(created, stored);
        // The limit is per sender: the seller can still answer.
        Fixtures.send(seller, roomId, "천천히 보내주세요");
    }

    @Test
    void aFloodingSenderGetsAnErrorFrameAndKeepsTheConnection() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        try (WsClient b = WsClient.withHeader(vertx, base.getPort(), Tokens.user(buyer))) {
            for (int i = 0; i < 20; i++) {
                b.send(WsClient.sendFrame(roomId, "flood " + i, "f-" + i));
            }
            JsonObject limited = b.next("error");
            assertEquals("rate_limited", limited.getString("code"));
            assertNotNull(limited.getString("clientMsgId"));
            assertTrue(b.isOpen());
            Thread.sleep(1100);
            b.send(WsClient.sendFrame(roomId, "after a pause", "late-1"));
            assertEquals(
                    "late-1",
                    b.next(
                                    f -> "ack".equals(f.getString("type"))
                                            && "late-1".equals(f.getString("clientMsgId")),
                                    "ack after pause")
                            .getString("clientMsgId"));
        }
    }
}
