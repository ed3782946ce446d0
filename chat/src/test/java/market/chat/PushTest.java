package market.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import market.testing.Tokens;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/** Pushes through notify's /internal/events for recipients with no connection on any replica. */
@QuarkusTest
class PushTest {

    @Inject
    Vertx vertx;

    @Inject
    Redis redis;

    @Inject
    market.chat.service.RedisLink link;

    @TestHTTPResource("/")
    URL base;

    @Test
    void anOfflineRecipientGetsAPushSentWithChatsServiceToken() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        long id = Fixtures.send(buyer, roomId, "혹시 택배 거래도 되나요?");

        FakeUpstreams.Received push = awaitPush(id, 10_000).orElseThrow(() -> new AssertionError("no push"));
        JsonObject event = new JsonObject(push.body());
        assertEquals("chat-message-" + id, event.getString("idempotencyKey"));
        assertEquals("CHAT_MESSAGE", event.getString("type"));
        assertEquals(Tokens.idOf(seller), event.getString("recipientId"));
        assertEquals("혹시 택배 거래도 되나요?", event.getString("body"));
        assertEquals(buyer, event.getString("title"), "the sender's nickname");
        assertEquals(Long.toString(roomId), event.getJsonObject("data").getString("roomId"));
        assertTrue(Long.parseLong(event.getJsonObject("data").getString("productId")) > 0);
        assertEquals(Long.toString(id), event.getJsonObject("data").getString("messageId"));

        assertTrue(push.authorization().startsWith("Bearer "), "service token sent");
        String payload = new String(
                Base64.getUrlDecoder().decode(push.authorization().substring(7).split("\\.")[1]),
                StandardCharsets.UTF_8);
        JsonObject claims = new JsonObject(payload);
        assertEquals(
                Tokens.idOf("service-account-chat-service"),
                claims.getString("sub"),
                "token obtained with client credentials of chat-service");
        assertTrue(claims.getJsonObject("realm_access").getJsonArray("roles").contains("service"));
    }

    @Test
    void aConnectedRecipientGetsNoPush() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        try (WsClient s = WsClient.withHeader(vertx, base.getPort(), Tokens.user(seller))) {
            long id = Fixtures.send(buyer, roomId, "보고 계신가요?");
            s.next("message");
            assertTrue(awaitPush(id, 1500).isEmpty(), "no push while connected");
        }
    }

    @Test
    void aRecipientConnectedToAnotherReplicaGetsNoPush() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        // What replica b writes while the seller is connected there.
        redis.send(Request.cmd(Command.ZADD)
                        .arg("chat:presence:" + Tokens.idOf(seller))
                        .arg(System.currentTimeMillis() + 60_000)
                        .arg("replica-b"))
                .await()
                .atMost(Duration.ofSeconds(5));
        long id = Fixtures.send(buyer, roomId, "다른 기기에서 보세요?");
        assertTrue(awaitPush(id, 1500).isEmpty(), "no push while connected elsewhere");
    }

    @Test
    void aBusyRedisIsNotTakenForAnOfflineRecipientButASilentOneIs() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        // Busy: Redis answered the link just now and then answers nobody for 2.5 s (what overload looks like to
        // the lookup). The lookup times out after 1 s and the recipient, most likely connected somewhere, gets
        // no extra push.
        link.send(Request.cmd(Command.PING), Duration.ofSeconds(5)).await().atMost(Duration.ofSeconds(5));
        pause(2500);
        long id = Fixtures.send(buyer, roomId, "바쁘신가요?");
        assertTrue(awaitPush(id, 3500).isEmpty(), "no push when presence is not answered in time");
        // Answering again: the same offline recipient gets pushes.
        long next = Fixtures.send(buyer, roomId, "답장 주세요");
        assertTrue(awaitPush(next, 10_000).isPresent(), "push once presence answers again");
        // Silent: nothing has come back on the link for longer than it takes to call Redis busy (a host gone
        // without closing the connection looks like this): a timed-out lookup means offline, so a push.
        pause(7000);
        Thread.sleep(market.chat.service.RedisLink.ANSWERING_MS + 500);
        long silent = Fixtures.send(buyer, roomId, "계세요?");
        assertTrue(awaitPush(silent, 10_000).isPresent(), "push when Redis has gone silent");
    }

    private void pause(long millis) {
        redis.send(Request.cmd(Command.CLIENT).arg("PAUSE").arg(millis)).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void chatKeepsWorkingWhileNotifyIsDown() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        FakeUpstreams.notifyDown();
        try (WsClient b = WsClient.withHeader(vertx, base.getPort(), Tokens.user(buyer))) {
            long start = System.nanoTime();
            long id = Fixtures.send(seller, roomId, "notify가 죽어도 채팅은 돼요");
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3000, "send not held up by notify");
            b.next("message");
            for (int i = 0; i < 3; i++) {
                b.send(WsClient.sendFrame(roomId, "ws " + i, "nd-" + i));
                b.next("ack");
            }
            given().auth()
                    .oauth2(Tokens.user(seller))
                    .get("/api/chat/rooms/" + roomId + "/messages")
                    .then()
                    .statusCode(200)
                    .body("items.size()", equalTo(4))
                    .body("items[0].id", equalTo((int) id));
        } finally {
            FakeUpstreams.notifyUp();
        }
    }

    @Test
    void aBurstToAnOfflineRecipientIsOnePushThenOneSummaryWithTheRightCount() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        long start = System.nanoTime();
        long[] ids = new long[5];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Fixtures.send(buyer, roomId, "연락 주세요 " + i);
        }
        long burstMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        FakeUpstreams.Received first = awaitPush(ids[0], 10_000).orElseThrow(() -> new AssertionError("no first push"));
        assertEquals("연락 주세요 0", new JsonObject(first.body()).getString("body"), "the first message at once, as is");
        // The window (3 s in tests) closes: the rest arrive as one push that opens the room at the last message.
        JsonObject summary = awaitEvent("chat-summary-" + ids[4], 15_000)
                .orElseThrow(() -> new AssertionError("no summary push; got " + pushesFor(seller, roomId)));
        List<JsonObject> pushes = pushesFor(seller, roomId);
        int represented = pushes.stream()
                .mapToInt(e -> e.getString("idempotencyKey").startsWith("chat-summary-")
                        ? Integer.parseInt(e.getJsonObject("data").getString("count"))
                        : 1)
                .sum();
        assertEquals(5, represented, "every message is in exactly one push: " + pushes);
        if (burstMillis < 2500) {
            assertEquals(2, pushes.size(), "one push and one summary for a burst within the window: " + pushes);
            assertEquals("새 메시지 4개", summary.getString("body"));
            assertEquals("4", summary.getJsonObject("data").getString("count"));
        }
        assertEquals("CHAT_MESSAGE", summary.getString("type"));
        assertEquals(Tokens.idOf(seller), summary.getString("recipientId"));
        assertEquals(buyer, summary.getString("title"), "the sender's nickname");
        assertEquals(Long.toString(roomId), summary.getJsonObject("data").getString("roomId"));
        assertEquals(Long.toString(ids[4]), summary.getJsonObject("data").getString("messageId"));
        assertTrue(Long.parseLong(summary.getJsonObject("data").getString("productId")) > 0);

        // After the window a message is pushed at once again.
        long later = Fixtures.send(buyer, roomId, "아직 계신가요?");
        assertTrue(awaitPush(later, 10_000).isPresent(), "a message after the window gets its own push");
        assertEquals(pushes.size() + 1, pushesFor(seller, roomId).size());
    }

    @Test
    void aWindowOpenedByAnotherReplicaCountsThisReplicasMessagesInsteadOfPushingThem() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        String window = "chat:push:{" + Tokens.idOf(seller) + ":" + roomId + "}";
        // What replica b writes when it pushed this room's previous message a moment ago.
        redis.send(Request.cmd(Command.SET)
                        .arg(window)
                        .arg("replica-b:1")
                        .arg("PX")
                        .arg(60_000))
                .await()
                .atMost(Duration.ofSeconds(5));
        long one = Fixtures.send(buyer, roomId, "하나");
        long two = Fixtures.send(buyer, roomId, "둘");
        Awaitility.await("two messages counted")
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> {
                    var n = redis.send(
                                    Request.cmd(Command.HGET).arg(window + ":n").arg("n"))
                            .await()
                            .atMost(Duration.ofSeconds(5));
                    return n != null && n.toInteger() == 2;
                });
        var last = redis.send(Request.cmd(Command.HGET).arg(window + ":n").arg("last"))
                .await()
                .atMost(Duration.ofSeconds(5));
        JsonObject counted = new JsonObject().put("n", 2).put("last", last.toLong());
        assertEquals(new JsonObject().put("n", 2).put("last", two), counted, "counted for replica b's summary");
        assertTrue(awaitPush(one, 500).isEmpty() && awaitPush(two, 500).isEmpty(), "no push of their own");
        assertTrue(pushesFor(seller, roomId).isEmpty());
    }

    private static List<JsonObject> pushesFor(String user, long roomId) {
        String id = Tokens.idOf(user);
        return FakeUpstreams.events().stream()
                .map(e -> new JsonObject(e.body()))
                .filter(e -> id.equals(e.getString("recipientId"))
                        && Long.toString(roomId).equals(e.getJsonObject("data").getString("roomId")))
                .toList();
    }

    private static Optional<JsonObject> awaitEvent(String idempotencyKey, long millis) {
        return within(
                millis,
                () -> FakeUpstreams.events().stream()
                        .map(e -> new JsonObject(e.body()))
                        .filter(e -> idempotencyKey.equals(e.getString("idempotencyKey")))
                        .findFirst());
    }

    static Optional<FakeUpstreams.Received> awaitPush(long messageId, long millis) {
        return within(
                millis,
                () -> FakeUpstreams.events().stream()
                        .filter(e -> new JsonObject(e.body())
                                .getString("idempotencyKey")
                                .equals("chat-message-" + messageId))
                        .findFirst());
    }

    /** What the search finds within the time, or empty: callers assert both that something comes and that nothing does. */
    private static <T> Optional<T> within(long millis, Callable<Optional<T>> search) {
        try {
            return Awaitility.await()
                    .atMost(Duration.ofMillis(millis))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100))
                    .until(search, Optional::isPresent);
        } catch (ConditionTimeoutException nothingCame) {
            return Optional.empty();
        }
    }
}
