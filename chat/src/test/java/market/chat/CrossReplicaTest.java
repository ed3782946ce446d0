package market.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import market.chat.service.Fanout;
import market.testing.Tokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Fan-out between replicas over the real Redis. The other replicas are played by the test through the same
 * channels, presence entries and envelope (origin, to, frame) a chat instance uses: what this instance publishes
 * must reach exactly the replicas that hold a recipient (on their own channels), and what another instance
 * publishes must reach the local connections.
 */
@QuarkusTest
class CrossReplicaTest {

    @Inject
    Vertx vertx;

    @Inject
    Redis redis;

    @Inject
    Fanout fanout;

    @TestHTTPResource("/")
    URL base;

    @Test
    void aMessageSentHereIsPublishedOnlyToTheReplicasHoldingItsRecipients() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        String b = "replica-b-" + roomId;
        String c = "replica-c-" + roomId;
        String gone = "replica-gone-" + roomId;
        // the seller is connected to replica b, the buyer's entry on a crashed replica has expired, c holds nobody
        RedisProbe.present(redis, Tokens.idOf(seller), b);
        redis.send(Request.cmd(Command.ZADD)
                        .arg("chat:presence:" + Tokens.idOf(buyer))
                        .arg(System.currentTimeMillis() - 1_000)
                        .arg(gone))
                .await()
                .atMost(Duration.ofSeconds(5));
        // the routing script is loaded on first use (or again after a Redis restart)
        redis.send(Request.cmd(Command.SCRIPT).arg("FLUSH")).await().atMost(Duration.ofSeconds(5));
        try (RedisProbe replicaB = RedisProbe.listen(redis, b);
                RedisProbe replicaC = RedisProbe.listen(redis, c);
                RedisProbe crashed = RedisProbe.listen(redis, gone);
                RedisProbe shared = RedisProbe.listenShared(redis)) {
            long id = Fixtures.send(buyer, roomId, "다른 인스턴스에도 가나요?");
            JsonObject envelope = awaitEnvelope(replicaB, id);
            assertEquals(fanout.instanceId(), envelope.getString("origin"));
            assertTrue(envelope.getJsonArray("to").contains(Tokens.idOf(seller)));
            assertTrue(envelope.getJsonArray("to").contains(Tokens.idOf(buyer)));
            JsonObject frame = new JsonObject(envelope.getString("frame"));
            assertEquals("message", frame.getString("type"));
            assertEquals("다른 인스턴스에도 가나요?", frame.getJsonObject("message").getString("content"));
            // once per replica, and nowhere else: not to c, not to the expired entry, not on the shared channel
            long second = Fixtures.send(buyer, roomId, "두 번째");
            awaitEnvelope(replicaB, second);
            assertNull(replicaB.next(300), "one envelope per message for replica b");
            assertNull(replicaC.next(300), "nothing for a replica that holds no recipient");
            assertNull(crashed.next(300), "nothing for a replica whose presence entry expired");
            assertNull(shared.next(300), "nothing on the shared channel");
        }
    }

    @Test
    void aRecipientOnAReplicaThatDoesNotListenOnItsOwnChannelGetsItThroughTheSharedOne() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        // the seller is on a replica of the version before (present, but it listens only on the shared channel)
        RedisProbe.present(redis, Tokens.idOf(seller), "replica-old-" + roomId);
        try (RedisProbe shared = RedisProbe.listenShared(redis)) {
            long id = Fixtures.send(buyer, roomId, "업그레이드 중에도");
            JsonObject envelope = awaitEnvelope(shared, id);
            assertTrue(envelope.getBoolean("routed"), "marked, so replicas of this version ignore the copy");
            assertNull(shared.next(300), "one copy");
        }
    }

    @Test
    void aMessageFromAnotherReplicaReachesLocalConnectionsOnce() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        try (WsClient s = WsClient.withHeader(vertx, base.getPort(), Tokens.user(seller))) {
            JsonObject frame = new JsonObject()
                    .put("type", "message")
                    .put(
                            "message",
                            new JsonObject()
                                    .put("id", 123456789L)
                                    .put("roomId", roomId)
                                    .put("senderId", Tokens.idOf(buyer))
                                    .put("type", "TEXT")
                                    .put("content", "from replica b")
                                    .put("sentAt", "2026-11-26T10:00:00Z"));
            JsonObject got = null;
            // The subscription may be re-establishing after another test restarted Redis: keep publishing.
            for (int i = 0; i < 20 && got == null; i++) {
                RedisProbe.publishFromOtherReplica(redis, fanout.instanceId(), List.of(Tokens.idOf(seller)), frame);
                got = s.poll(f -> "message".equals(f.getString("type")), 500);
            }
            assertNotNull(got, "frame from the other replica delivered");
            assertEquals("from replica b", got.getJsonObject("message").getString("content"));

            // The shared channel's copy of an envelope routed to replicas directly is not delivered again.
            RedisProbe.publishSharedCopyOfRouted(
                    redis,
                    List.of(Tokens.idOf(seller)),
                    frame.copy()
                            .put(
                                    "message",
                                    frame.getJsonObject("message").copy().put("content", "copy")));
            assertNull(
                    s.poll(
                            f -> "message".equals(f.getString("type"))
                                    && "copy".equals(f.getJsonObject("message").getString("content")),
                            700),
                    "a routed envelope's shared copy is for replicas of the version before");

            // A message sent on this replica arrives once: directly, not again through Redis.
            long id = Fixtures.send(buyer, roomId, "once");
            s.next(
                    f -> "message".equals(f.getString("type"))
                            && f.getJsonObject("message").getLong("id") == id,
                    "local message");
            assertNull(s.poll(
                    f -> "message".equals(f.getString("type"))
                            && f.getJsonObject("message").getLong("id") == id,
                    700));
        }
    }

    @Test
    void whatIsForEveryReplicaArrivesOnTheSharedChannel() throws Exception {
        String seller = Fixtures.user("seller");
        try (WsClient s = WsClient.withHeader(vertx, base.getPort(), Tokens.user(seller))) {
            JsonObject got = null;
            for (int i = 0; i < 20 && got == null; i++) {
                RedisProbe.publishShared(redis, List.of("*"), new JsonObject().put("type", "resync"));
                got = s.poll(f -> "resync".equals(f.getString("type")), 500);
            }
            assertNotNull(got, "a resync for every connection, published on the shared channel");
        }
    }

    @Test
    void readinessIsUpAndShowsTheSubscription() {
        Awaitility.await("subscribed to the fan-out channel")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> io.restassured.RestAssured.given()
                        .get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<Boolean>path("checks.find { it.name == 'chat-fanout' }.data.redisSubscribed"));
    }

    static JsonObject awaitEnvelope(RedisProbe probe, long messageId) {
        // each poll takes the next envelope off the probe (waiting up to 500 ms for one)
        return Awaitility.await("message " + messageId + " published to Redis")
                .atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .until(() -> probe.next(500), envelope -> envelope != null && isMessage(envelope, messageId));
    }

    private static boolean isMessage(JsonObject envelope, long messageId) {
        JsonObject frame = new JsonObject(envelope.getString("frame"));
        return "message".equals(frame.getString("type"))
                && frame.getJsonObject("message").getLong("id") == messageId;
    }
}
