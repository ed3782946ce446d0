package market.chat;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import market.testing.OidcServerResource;
import market.testing.PostgresResource;
import market.testing.Processes;
import market.testing.RedisResource;
import market.testing.S3Resource;
import market.testing.ServiceProcess;
import market.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real chat replicas: the packaged jar started twice in its own JVMs (prod profile) on two ports, against
 * one real PostgreSQL and one real Redis, as two pods behind the gateway would run. The seller talks to
 * instance A, the buyer to instance B; every message must cross through Redis, survive a replica crash
 * and a Redis outage without loss or duplicates, and presence must follow the users across replicas.
 * Runs in the integration-test phase (after `package`), as {@code *IT}.
 */
class TwoInstancesIT {

    private static final PostgresResource POSTGRES = new PostgresResource();
    private static final RedisResource REDIS = new RedisResource();
    private static final S3Resource S3 = new S3Resource();
    private static final OidcServerResource OIDC = new OidcServerResource();
    private static final FakeUpstreams UPSTREAMS = new FakeUpstreams();
    private static ServiceProcess a;
    private static ServiceProcess b;
    private static Vertx vertx;

    @BeforeAll
    static void startTwoReplicas() {
        POSTGRES.init(Map.of("database", "chat"));
        Map<String, String> config = new HashMap<>(POSTGRES.start());
        config.putAll(REDIS.start());
        S3.init(Map.of(S3Resource.BUCKET_PROPERTY, "market.chat.bucket"));
        config.putAll(S3.start());
        config.putAll(OIDC.start());
        config.putAll(UPSTREAMS.start());
        // A crashed replica's users must fall out of presence quickly for the push check below.
        config.put("market.chat.presence-ttl", "3s");
        config.put("market.chat.product-cache-ttl", "0s");
        config.put("market.chat.push-window", "2s");
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        Path logs = Path.of("target", "two-instances");
        a = new ServiceProcess("chat-a", jar, config, logs).start();
        b = new ServiceProcess("chat-b", jar, config, logs).start();
        awaitSubscribed(a);
        awaitSubscribed(b);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopEverything() {
        if (vertx != null) {
            vertx.close();
        }
        for (ServiceProcess p : new ServiceProcess[] {a, b}) {
            if (p != null) {
                p.stop();
            }
        }
        UPSTREAMS.stop();
        OIDC.stop();
        REDIS.stop();
        S3.stop();
        POSTGRES.stop();
    }

    @Test
    void sellerOnOneReplicaAndBuyerOnTheOtherTalkLive() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = openRoom(b, seller, buyer);
        // The room opened on B is in the seller's list on A: one database behind both.
        given().baseUri(a.url())
                .auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms")
                .then()
                .statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem((int) roomId));
        try (WsClient s = WsClient.withSubprotocol(vertx, a.port(), Tokens.user(seller));
                WsClient u = WsClient.withHeader(vertx, b.port(), Tokens.user(buyer))) {
            u.send(WsClient.sendFrame(roomId, "안녕하세요, 아직 있나요?", "b-1"));
            long first = u.next("ack").getJsonObject("message").getLong("id");
            JsonObject got = s.next(messageWithId(first), "buyer's message on the seller's replica");
            assertEquals("안녕하세요, 아직 있나요?", got.getJsonObject("message").getString("content"));

            s.send(new JsonObject().put("type", "typing").put("roomId", roomId));
            assertEquals(Tokens.idOf(seller), u.next("typing").getString("userId"));

            s.send(WsClient.sendFrame(roomId, "네 있어요", "s-1"));
            long reply = s.next("ack").getJsonObject("message").getLong("id");
            u.next(messageWithId(reply), "seller's reply on the buyer's replica");

            u.send(new JsonObject().put("type", "read").put("roomId", roomId).put("messageId", reply));
            JsonObject read = s.next("read");
            assertEquals(Tokens.idOf(buyer), read.getString("userId"));
            assertEquals(reply, read.getLong("messageId"));

            // Each message reached the other replica exactly once.
            assertNull(s.poll(messageWithId(first), 500));
            assertNull(u.poll(messageWithId(reply), 500));
        }
    }

    /** The packaged service decodes photos (AWT, prod profile) and serves them from the shared bucket on any replica. */
    @Test
    void aPhotoSentThroughOneReplicaIsServedByTheOther() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = openRoom(a, seller, buyer);
        try (WsClient s = WsClient.withHeader(vertx, b.port(), Tokens.user(seller))) {
            io.restassured.path.json.JsonPath sent = given().baseUri(a.url())
                    .auth()
                    .oauth2(Tokens.user(buyer))
                    .multiPart("files", "a.jpg", market.testing.TestImages.jpegWithExif(640, 480), "image/jpeg")
                    .post("/api/chat/rooms/" + roomId + "/photos")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath();
            JsonObject live = s.next(messageWithId(sent.getLong("id")), "the photo message on the other replica")
                    .getJsonObject("message");
            assertEquals("PHOTO", live.getString("type"));
            String url = live.getJsonArray("photos").getJsonObject(0).getString("url");
            byte[] bytes = given().baseUri(b.url())
                    .auth()
                    .oauth2(Tokens.user(seller))
                    .get(url)
                    .then()
                    .statusCode(200)
                    .contentType("image/jpeg")
                    .extract()
                    .asByteArray();
            assertTrue(bytes.length > 0);
            assertTrue(!market.testing.TestImages.contains(bytes, market.testing.TestImages.SECRET), "EXIF stripped");
        }
    }

    @Test
    void aCrashedReplicaLosesNothingAndItsUsersGetPushesUntilTheyReconnect() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = openRoom(a, seller, buyer);
        long lastSeen;
        try (WsClient s = WsClient.withHeader(vertx, a.port(), Tokens.user(seller));
                WsClient u = WsClient.withHeader(vertx, b.port(), Tokens.user(buyer))) {
            u.send(WsClient.sendFrame(roomId, "before the crash", "crash-1"));
            lastSeen = u.next("ack").getJsonObject("message").getLong("id");
            s.next(messageWithId(lastSeen), "message before the crash");

            // The buyer is online on B: a message from A must not push.
            s.send(WsClient.sendFrame(roomId, "online, no push", "s-online"));
            long online = s.next("ack").getJsonObject("message").getLong("id");
            lastSeen = u.next(messageWithId(online), "live message")
                    .getJsonObject("message")
                    .getLong("id");
            Processes.sleep(1000);
            assertTrue(pushesFor(buyer).isEmpty(), "no push while the buyer is connected to the other replica");

            b.kill();
            // Wait for B's presence entry to expire (3 s in this test), then talk to the now offline buyer.
            Processes.sleep(3500);
            for (int i = 1; i <= 3; i++) {
                s.send(WsClient.sendFrame(roomId, "missed " + i, "s-missed-" + i));
                s.next("ack");
            }
        }
        // The first missed message is pushed at once; the two after it, within the push window, as one summary.
        List<JsonObject> pushes = awaitPushes(buyer, 2);
        assertEquals(
                List.of("missed 1", "새 메시지 2개"),
                pushes.stream().map(e -> e.getString("body")).toList());

        b.start();
        awaitSubscribed(b);
        try (WsClient s = WsClient.withHeader(vertx, a.port(), Tokens.user(seller));
                WsClient u = WsClient.withHeader(vertx, b.port(), Tokens.user(buyer))) {
            // Catching up from the last id seen: exactly what was missed, in order, nothing twice.
            List<Object> missed = given().baseUri(b.url())
                    .auth()
                    .oauth2(Tokens.user(buyer))
                    .get("/api/chat/rooms/" + roomId + "/messages?after=" + lastSeen)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items.content");
            assertEquals(List.of("missed 1", "missed 2", "missed 3"), missed);

            // Resending the pre-crash message (its ack may have been lost with the replica) does not repeat it.
            u.send(WsClient.sendFrame(roomId, "before the crash", "crash-1"));
            long again = u.next("ack").getJsonObject("message").getLong("id");
            assertNull(s.poll(messageWithId(again), 700), "an idempotent resend is not delivered again");

            // And the restarted replica is back in the live fan-out.
            s.send(WsClient.sendFrame(roomId, "welcome back", "s-back"));
            long back = s.next("ack").getJsonObject("message").getLong("id");
            u.next(messageWithId(back), "live message after the restart");
        }
        List<Object> all = given().baseUri(a.url())
                .auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms/" + roomId + "/messages?size=50")
                .then()
                .statusCode(200)
                .extract()
                .path("items.content");
        assertEquals(
                List.of("before the crash", "online, no push", "missed 1", "missed 2", "missed 3", "welcome back"),
                all);
    }

    @Test
    void withRedisDownEachReplicaStoresAndTheOtherCatchesUpThenLiveFanOutResumes() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = openRoom(a, seller, buyer);
        try (WsClient s = WsClient.withHeader(vertx, a.port(), Tokens.user(seller));
                WsClient u = WsClient.withHeader(vertx, b.port(), Tokens.user(buyer))) {
            u.send(WsClient.sendFrame(roomId, "redis up", "r-0"));
            long lastSeen = u.next("ack").getJsonObject("message").getLong("id");
            s.next(messageWithId(lastSeen), "message before the outage");

            RedisResource.stopServer();
            long stored;
            try {
                s.send(WsClient.sendFrame(roomId, "sent during the outage", "r-1"));
                JsonObject ack = s.next("ack");
                stored = ack.getJsonObject("message").getLong("id");
                // Not live across replicas now, but committed: the buyer's client catches up with after.
                List<Object> caughtUp = given().baseUri(b.url())
                        .auth()
                        .oauth2(Tokens.user(buyer))
                        .get("/api/chat/rooms/" + roomId + "/messages?after=" + lastSeen)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("items.id");
                assertEquals(List.of((int) stored), caughtUp);
            } finally {
                RedisResource.startServer();
            }
            awaitSubscribed(a);
            awaitSubscribed(b);
            // Both replicas tell their connections that frames may have been missed.
            s.next("resync");
            u.next("resync");
            s.send(WsClient.sendFrame(roomId, "redis is back", "r-2"));
            long back = s.next("ack").getJsonObject("message").getLong("id");
            u.next(messageWithId(back), "live fan-out after Redis returned");
        }
    }

    private static long openRoom(ServiceProcess instance, String seller, String buyer) {
        long productId = Fixtures.product(seller);
        return ((Number) given().baseUri(instance.url())
                        .auth()
                        .oauth2(Tokens.user(buyer))
                        .contentType(ContentType.JSON)
                        .body("{\"productId\":" + productId + "}")
                        .post("/api/chat/rooms")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
    }

    private static java.util.function.Predicate<JsonObject> messageWithId(long id) {
        return f -> "message".equals(f.getString("type"))
                && f.getJsonObject("message").getLong("id") == id;
    }

    private static List<JsonObject> pushesFor(String user) {
        String id = Tokens.idOf(user);
        return FakeUpstreams.events().stream()
                .map(r -> new JsonObject(r.body()))
                .filter(e -> "CHAT_MESSAGE".equals(e.getString("type")) && id.equals(e.getString("recipientId")))
                .collect(Collectors.toList());
    }

    private static List<JsonObject> awaitPushes(String user, int count) {
        for (int i = 0; i < 100; i++) {
            List<JsonObject> found = pushesFor(user);
            if (found.size() >= count) {
                return found;
            }
            Processes.sleep(100);
        }
        throw new AssertionError("expected " + count + " pushes for " + user + ", got " + pushesFor(user));
    }

    private static void awaitSubscribed(ServiceProcess p) {
        for (int i = 0; i < 150; i++) {
            String ready = p.readiness();
            if (ready != null) {
                JsonArray checks = new JsonObject(ready).getJsonArray("checks");
                for (int c = 0; c < checks.size(); c++) {
                    JsonObject check = checks.getJsonObject(c);
                    if ("chat-fanout".equals(check.getString("name"))
                            && check.getJsonObject("data").getBoolean("redisSubscribed")) {
                        return;
                    }
                }
            }
            Processes.sleep(200);
        }
        assertNotNull(null, "replica on port " + p.port() + " never subscribed to the fan-out channel");
    }
}
