package market.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.concurrent.ExecutionException;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChatSocketTest {

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL base;

    @Test
    void buyerAndSellerTradeMessagesLiveWithAcksTypingAndReads() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        try (WsClient b = WsClient.withHeader(vertx, base.getPort(), Tokens.user(buyer));
                WsClient s = WsClient.withSubprotocol(vertx, base.getPort(), Tokens.user(seller))) {
            assertEquals("quarkus", s.subprotocol());

            b.send(WsClient.sendFrame(roomId, "안녕하세요, 내일 거래 가능할까요?", "b-1"));
            JsonObject ack = b.next("ack");
            assertEquals("b-1", ack.getString("clientMsgId"));
            JsonObject sent = ack.getJsonObject("message");
            assertEquals("안녕하세요, 내일 거래 가능할까요?", sent.getString("content"));
            assertEquals(Tokens.idOf(buyer), sent.getString("senderId"));
            assertEquals(roomId, sent.getLong("roomId"));
            assertEquals("TEXT", sent.getString("type"));

            JsonObject received = s.next("message").getJsonObject("message");
            assertEquals(sent.getLong("id"), received.getLong("id"));
            assertEquals(
                    sent.getLong("id"),
                    b.next("message").getJsonObject("message").getLong("id"));

            // Stored before the ack: the history already has it.
            given().auth()
                    .oauth2(Tokens.user(seller))
                    .get("/api/chat/rooms/" + roomId + "/messages")
                    .then()
                    .body("items", hasSize(1))
                    .body("items[0].id", equalTo(sent.getInteger("id")));

            // A resend after a lost ack returns the same message and is not delivered twice.
            b.send(WsClient.sendFrame(roomId, "안녕하세요, 내일 거래 가능할까요?", "b-1"));
            assertEquals(
                    sent.getLong("id"), b.next("ack").getJsonObject("message").getLong("id"));
            assertNull(s.poll(f -> "message".equals(f.getString("type")), 500));

            s.send(new JsonObject().put("type", "typing").put("roomId", roomId));
            JsonObject typing = b.next("typing");
            assertEquals(roomId, typing.getLong("roomId"));
            assertEquals(Tokens.idOf(seller), typing.getString("userId"));

            s.send(new JsonObject().put("type", "read").put("roomId", roomId).put("messageId", sent.getLong("id")));
            JsonObject read = b.next("read");
            assertEquals(Tokens.idOf(seller), read.getString("userId"));
            assertEquals(sent.getLong("id"), read.getLong("messageId"));
            assertEquals(roomId, read.getLong("roomId"));
            given().auth()
                    .oauth2(Tokens.user(seller))
                    .get("/api/chat/rooms/" + roomId)
                    .then()
                    .body("unreadCount", equalTo(0));

            // A REST send reaches the WebSocket of the other participant too.
            long restId = Fixtures.send(seller, roomId, "네 가능해요");
            assertEquals(
                    restId,
                    b.next(
                                    f -> "message".equals(f.getString("type"))
                                            && f.getJsonObject("message").getLong("id") == restId,
                                    "REST message")
                            .getJsonObject("message")
                            .getLong("id"));

            // Appointment over the socket.
            b.send(WsClient.sendFrame(roomId, "약속 잡아요", "b-2")
                    .put(
                            "appointment",
                            new JsonObject()
                                    .put("at", "2026-11-28T19:30:00+09:00")
                                    .put("place", "역삼역 3번 출구")));
            JsonObject appointment = s.next(
                            f -> "message".equals(f.getString("type"))
                                    && "APPOINTMENT"
                                            .equals(f.getJsonObject("message").getString("type")),
                            "appointment")
                    .getJsonObject("message");
            assertEquals("역삼역 3번 출구", appointment.getJsonObject("appointment").getString("place"));
        }
    }

    @Test
    void anUpgradeWithoutAValidUserTokenIsRefused() {
        assertEquals(401, rejected(WsClient.options(base.getPort())));
        assertEquals(
                401,
                rejected(WsClient.options(base.getPort())
                        .addHeader("Authorization", "Bearer " + Tokens.forged("mallory"))));
        assertEquals(
                401,
                rejected(WsClient.options(base.getPort())
                        .addHeader("Authorization", "Bearer " + Tokens.expired("alice"))));
        assertEquals(
                403,
                rejected(WsClient.options(base.getPort())
                        .addHeader("Authorization", "Bearer " + Tokens.service("notify-service"))));
    }

    @Test
    void badFramesGetAnErrorFrameAndTheConnectionSurvives() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        long strangersRoom = Fixtures.room(Fixtures.user("seller"), Fixtures.user("buyer"));
        try (WsClient b = WsClient.withHeader(vertx, base.getPort(), Tokens.user(buyer))) {
            b.send("this is not json");
            assertEquals("bad_frame", b.next("error").getString("code"));
            b.send("{\"type\":\"dance\",\"roomId\":" + roomId + "}");
            assertEquals("unknown_type", b.next("error").getString("code"));
            b.send("{\"roomId\":" + roomId + "}");
            assertEquals("bad_frame", b.next("error").getString("code"));
            b.send("{\"type\":\"send\",\"roomId\":\"abc\",\"content\":\"hi\"}");
            assertEquals("bad_frame", b.next("error").getString("code"));
            b.send("{\"type\":\"send\",\"roomId\":\"" + roomId + "\",\"content\":\"hi\"}");
            assertEquals("bad_frame", b.next("error").getString("code"));
            b.send("{\"type\":\"send\",\"roomId\":" + roomId + ",\"content\":42}");
            assertEquals("bad_frame", b.next("error").getString("code"));
            b.send("{\"type\":\"send\",\"roomId\":" + roomId + ",\"content\":\"hi\",\"senderId\":\"x\","
                    + "\"clientMsgId\":\"u-1\"}");
            JsonObject unknownField = b.next("error");
            assertEquals("bad_frame", unknownField.getString("code"));
            assertEquals("u-1", unknownField.getString("clientMsgId"));
            assertTrue(unknownField.getString("detail").contains("senderId"));
            b.send(new JsonObject().put("type", "send").put("roomId", roomId).encode());
            assertEquals("bad_frame", b.next("error").getString("code"));
            b.send(WsClient.sendFrame(roomId, "x".repeat(10_000), "too-long"));
            JsonObject tooLong = b.next("error");
            assertEquals("bad_frame", tooLong.getString("code"));
            assertEquals("too-long", tooLong.getString("clientMsgId"));
            b.send(WsClient.sendFrame(roomId, "a\u0000b", "nul"));
            JsonObject nul = b.next("error");
            assertEquals("bad_frame", nul.getString("code"));
            assertEquals("nul", nul.getString("clientMsgId"));
            b.send(WsClient.sendFrame(99_999_999L, "hi", "nowhere"));
            assertEquals("not_found", b.next("error").getString("code"));
            b.send(WsClient.sendFrame(strangersRoom, "hi", "theirs"));
            assertEquals("forbidden", b.next("error").getString("code"));
            b.send(new JsonObject().put("type", "typing").put("roomId", strangersRoom));
            assertEquals("forbidden", b.next("error").getString("code"));
            b.send(new JsonObject()
                    .put("type", "read")
                    .put("roomId", strangersRoom)
                    .put("messageId", 1));
            assertEquals("forbidden", b.next("error").getString("code"));
            b.send(new JsonObject().put("type", "read").put("roomId", roomId));
            assertEquals("bad_frame", b.next("error").getString("code"));

            assertTrue(b.isOpen());
            b.send(WsClient.sendFrame(roomId, "still here", "ok-1"));
            assertEquals("still here", b.next("ack").getJsonObject("message").getString("content"));
        }
        given().auth()
                .oauth2(Tokens.user(buyer))
                .get("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .body("items", hasSize(1));
        given().auth()
                .oauth2(Tokens.user(buyer))
                .get("/api/chat/rooms/" + strangersRoom)
                .then()
                .statusCode(403);
    }

    private int rejected(io.vertx.core.http.WebSocketConnectOptions options) {
        ExecutionException e = assertThrows(
                ExecutionException.class, () -> WsClient.open(vertx, options).close());
        assertTrue(e.getCause() instanceof UpgradeRejectedException, "rejected upgrade, got " + e.getCause());
        return ((UpgradeRejectedException) e.getCause()).getStatus();
    }
}
