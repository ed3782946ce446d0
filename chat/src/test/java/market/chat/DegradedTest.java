package market.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import market.testing.PostgresResource;
import market.testing.RedisResource;
import market.testing.Tokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Redis, PostgreSQL and the product service really stopped and started again while chat runs. */
@QuarkusTest
class DegradedTest {

    @Inject
    Vertx vertx;

    @Inject
    Redis redis;

    @Inject
    market.chat.service.Fanout fanout;

    @TestHTTPResource("/")
    URL base;

    @Test
    void withRedisDownMessagesAreStoredAndDeliveredHereAndFanOutResumesWhenItReturns() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        long before = Fixtures.send(buyer, roomId, "before the outage");
        try (WsClient b = WsClient.withHeader(vertx, base.getPort(), Tokens.user(buyer));
                WsClient s = WsClient.withSubprotocol(vertx, base.getPort(), Tokens.user(seller))) {
            RedisResource.stopServer();
            try {
                b.send(WsClient.sendFrame(roomId, "redis is down", "rd-1"));
                long wsId = b.next("ack").getJsonObject("message").getLong("id");
                assertEquals(wsId, s.next("message").getJsonObject("message").getLong("id"));
                long restId = Fixtures.send(seller, roomId, "still works over REST");
                b.next(
                        f -> "message".equals(f.getString("type"))
                                && f.getJsonObject("message").getLong("id") == restId,
                        "REST message while Redis is down");
                s.send(new JsonObject()
                        .put("type", "read")
                        .put("roomId", roomId)
                        .put("messageId", wsId));
                // The seller's own later message already moved their mark; marks never go back.
                assertEquals(restId, b.next("read").getLong("messageId"));

                // A client that was away catches up from its last id.
                given().auth()
                        .oauth2(Tokens.user(buyer))
                        .get("/api/chat/rooms/" + roomId + "/messages?after=" + before)
                        .then()
                        .statusCode(200)
                        .body("items", hasSize(2))
                        .body("items[0].id", equalTo((int) wsId))
                        .body("items[1].id", equalTo((int) restId));
                given().get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("checks.find { it.name == 'chat-fanout' }.data.redisSubscribed", equalTo(false));
                // Presence unknown with Redis unreachable: a recipient with no connection here gets a push.
                String away = Fixtures.user("seller");
                long awayRoom = Fixtures.room(away, buyer);
                long pushed = Fixtures.send(buyer, awayRoom, "Redis가 없어도 푸시는 가요");
                assertTrue(PushTest.awaitPush(pushed, 10_000).isPresent(), "push while Redis is down");
                // The frames other replicas could not get are remembered by user, to tell them to resync.
                assertTrue(fanout.missedUsers() >= 2, "sender and recipient remembered for a resync");
            } finally {
                RedisResource.startServer();
            }
            // Subscribed again: local connections may have missed other replicas' frames and are told so — after
            // this replica wrote their presence again (the restarted Redis is empty; without it no replica would
            // publish their frames here, and a catch-up made at the resync could miss what follows).
            s.next("resync");
            b.next("resync");
            assertNotNull(
                    RedisProbe.presence(redis, Tokens.idOf(seller), fanout.instanceId()),
                    "the seller's presence is back when the resync arrives");
            assertNotNull(
                    RedisProbe.presence(redis, Tokens.idOf(buyer), fanout.instanceId()),
                    "the buyer's presence is back when the resync arrives");
            // And the remembered users get a resync published to the other replicas once Redis answers.
            Awaitility.await("resync for the missed users published after Redis returned")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> fanout.missedUsers() == 0);
            JsonObject fromOtherReplica =
                    new JsonObject().put("type", "typing").put("roomId", roomId).put("userId", Tokens.idOf(buyer));
            JsonObject got = null;
            for (int i = 0; i < 40 && got == null; i++) {
                try {
                    RedisProbe.publishFromOtherReplica(
                            redis, fanout.instanceId(), List.of(Tokens.idOf(seller)), fromOtherReplica);
                } catch (RuntimeException e) {
                    // the test's own pooled connection may still be the broken one; the next try reconnects
                    got = null;
                }
                got = s.poll(f -> "typing".equals(f.getString("type")), 500);
            }
            assertNotNull(got, "live fan-out from other replicas resumed after Redis came back");
        }
    }

    @Test
    void withPostgresDownSendsFailVisiblyAndWorkAgainWhenItReturns() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        try (WsClient b = WsClient.withHeader(vertx, base.getPort(), Tokens.user(buyer))) {
            PostgresResource.stopServer();
            try {
                given().auth()
                        .oauth2(Tokens.user(buyer))
                        .contentType(ContentType.JSON)
                        .body("{\"content\":\"db down\"}")
                        .post("/api/chat/rooms/" + roomId + "/messages")
                        .then()
                        .statusCode(503)
                        .contentType("application/problem+json")
                        .header("Retry-After", "5");
                given().auth()
                        .oauth2(Tokens.user(buyer))
                        .get("/api/chat/rooms")
                        .then()
                        .statusCode(503)
                        .contentType("application/problem+json");
                b.send(WsClient.sendFrame(roomId, "db down", "pg-1"));
                JsonObject error = b.next("error");
                assertEquals("unavailable", error.getString("code"));
                assertEquals("pg-1", error.getString("clientMsgId"));
                assertTrue(b.isOpen());
            } finally {
                PostgresResource.startServer();
            }
            // The client resends with the same clientMsgId; exactly one message is stored.
            JsonObject ack = null;
            for (int i = 0; i < 30 && ack == null; i++) {
                b.send(WsClient.sendFrame(roomId, "db down", "pg-1"));
                JsonObject reply = b.next(
                        f -> "ack".equals(f.getString("type")) || "error".equals(f.getString("type")), "ack or error");
                if ("ack".equals(reply.getString("type"))) {
                    ack = reply;
                } else {
                    Thread.sleep(500);
                }
            }
            assertNotNull(ack, "sending works again after PostgreSQL restarted");
            b.send(WsClient.sendFrame(roomId, "db down", "pg-1"));
            assertEquals(
                    ack.getJsonObject("message").getLong("id"),
                    b.next("ack").getJsonObject("message").getLong("id"));
            given().auth()
                    .oauth2(Tokens.user(seller))
                    .get("/api/chat/rooms/" + roomId + "/messages")
                    .then()
                    .statusCode(200)
                    .body("items", hasSize(1));
        }
    }

    @Test
    void withProductDownKnownRoomsWorkAndNewRoomsGet503() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long known = Fixtures.product(seller);
        int roomId = given().auth()
                .oauth2(Tokens.user(buyer))
                .contentType(ContentType.JSON)
                .body("{\"productId\":" + known + "}")
                .post("/api/chat/rooms")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        long fresh = Fixtures.product(seller);
        String buyer2 = Fixtures.user("buyer2");
        int buyer2Room;
        FakeUpstreams.productDown();
        try {
            given().auth()
                    .oauth2(Tokens.user(buyer))
                    .contentType(ContentType.JSON)
                    .body("{\"productId\":" + known + "}")
                    .post("/api/chat/rooms")
                    .then()
                    .statusCode(200)
                    .body("id", equalTo(roomId));
            given().auth()
                    .oauth2(Tokens.user(buyer))
                    .get("/api/chat/rooms/" + roomId)
                    .then()
                    .statusCode(200);
            Fixtures.send(buyer, roomId, "product is down but we can talk");
            // Product facts already fetched are served from the cache: another buyer still gets a room.
            buyer2Room = given().auth()
                    .oauth2(Tokens.user(buyer2))
                    .contentType(ContentType.JSON)
                    .body("{\"productId\":" + known + "}")
                    .post("/api/chat/rooms")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            for (int i = 0; i < 3; i++) {
                given().auth()
                        .oauth2(Tokens.user(buyer))
                        .contentType(ContentType.JSON)
                        .body("{\"productId\":" + fresh + "}")
                        .post("/api/chat/rooms")
                        .then()
                        .statusCode(503)
                        .contentType("application/problem+json")
                        .header("Retry-After", "5");
            }
        } finally {
            FakeUpstreams.productUp();
        }
        Awaitility.await("new rooms open again once product is back")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    int status = given().auth()
                            .oauth2(Tokens.user(buyer))
                            .contentType(ContentType.JSON)
                            .body("{\"productId\":" + fresh + "}")
                            .post("/api/chat/rooms")
                            .then()
                            .extract()
                            .statusCode();
                    if (status != 201) {
                        assertEquals(503, status);
                    }
                    return status == 201;
                });
        // The room opened while product was down reaches it once it is back, with its buyer.
        String call = "PUT /internal/products/" + known + "/chats/" + buyer2Room;
        Awaitility.await("a room product missed is reported again")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> FakeUpstreams.chatOpenedBody(call) != null);
        assertEquals(
                "{\"buyerId\":\"" + Tokens.idOf(buyer2) + "\"}",
                FakeUpstreams.chatOpenedBody(call),
                "a room product missed is reported again");
    }
}
