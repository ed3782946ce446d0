package market.chat;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.Map;
import market.common.limits.Action;
import market.common.limits.RateLimitConfig;
import market.common.limits.RateLimiter;
import market.testing.RedisResource;
import market.testing.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The send limit is one count per user across replicas (kept in Redis), and without Redis sends are allowed.
 * A limit of 3 an hour, so that timing on a slow machine plays no part.
 */
@QuarkusTest
@TestProfile(SharedSendLimitTest.ThreeAnHour.class)
class SharedSendLimitTest {

    public static class ThreeAnHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "market.rate-limit.actions.chat-send.limit",
                    "3",
                    "market.rate-limit.actions.chat-send.period",
                    "1h",
                    "market.rate-limit.actions.chat-send.burst",
                    "3",
                    // a loaded test machine must not turn a slow answer into "allowed" (fail open)
                    "market.rate-limit.timeout",
                    "10s");
        }
    }

    @Inject
    RateLimitConfig config;

    @Inject
    Vertx vertx;

    @Inject
    io.vertx.core.Vertx coreVertx;

    @TestHTTPResource("/")
    URL base;

    @Test
    void sendsCountedByAnotherReplicaAreRefusedHereOverRestAndWebSocket() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        Fixtures.send(buyer, roomId, "여기서 하나");
        // Replica b (its own Redis client and limiter) takes the other two of the buyer's three.
        Redis other =
                Redis.createClient(vertx, ConfigProvider.getConfig().getValue("quarkus.redis.hosts", String.class));
        try {
            RateLimiter replicaB = new RateLimiter(other::send, patient(config));
            assertTrue(replicaB.acquire(Action.CHAT_SEND, Tokens.idOf(buyer)).allowed());
            assertTrue(replicaB.acquire(Action.CHAT_SEND, Tokens.idOf(buyer)).allowed());
            assertFalse(replicaB.acquire(Action.CHAT_SEND, Tokens.idOf(buyer)).allowed(), "b saw this replica's send");
        } finally {
            other.close();
        }
        var r = given().auth()
                .oauth2(Tokens.user(buyer))
                .contentType(ContentType.JSON)
                .body("{\"content\":\"넷\"}")
                .post("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .extract();
        assertEquals(429, r.statusCode());
        assertEquals("application/problem+json", r.contentType());
        long retryAfter = Long.parseLong(r.header("Retry-After"));
        assertTrue(retryAfter > 60 && retryAfter <= 3600, "Retry-After " + retryAfter);
        try (WsClient b = WsClient.withHeader(coreVertx, base.getPort(), Tokens.user(buyer))) {
            b.send(WsClient.sendFrame(roomId, "웹소켓으로 다섯", "ws-5"));
            JsonObject error = b.next("error");
            assertEquals("rate_limited", error.getString("code"));
            assertEquals("ws-5", error.getString("clientMsgId"));
        }
        int stored = given().auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .statusCode(200)
                .extract()
                .path("items.size()");
        assertEquals(1, stored, "refused sends store nothing");
        // Per user: the seller still answers.
        Fixtures.send(seller, roomId, "네 천천히요");
    }

    @Test
    void withRedisDownSendsAreAllowedBeyondTheLimit() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        RedisResource.stopServer();
        try {
            for (int i = 0; i < 5; i++) {
                Fixtures.send(buyer, roomId, "redis 없이 " + i);
            }
        } finally {
            RedisResource.startServer();
        }
        int stored = given().auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .statusCode(200)
                .extract()
                .path("items.size()");
        assertEquals(5, stored);
    }

    /** The same limits with a generous timeout: a loaded test machine must not turn a slow answer into "allowed". */
    static RateLimitConfig patient(RateLimitConfig config) {
        return new RateLimitConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public java.time.Duration timeout() {
                return java.time.Duration.ofSeconds(10);
            }

            @Override
            public java.time.Duration warnEvery() {
                return config.warnEvery();
            }

            @Override
            public Map<String, ActionLimit> actions() {
                return config.actions();
            }
        };
    }
}
