package market.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URL;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A message over the WebSocket limit (64 KB), in one frame or several, is answered with close code 1009,
 * so the client knows why, instead of a dropped connection; a message within the limit but with too long
 * content is an error frame and the connection stays.
 */
@QuarkusTest
class FrameLimitTest {

    private static final int LIMIT = 64 * 1024;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL base;

    private WsClient connect(String user) throws Exception {
        WebSocketConnectOptions o = WsClient.options(base.getPort());
        o.addHeader("Authorization", "Bearer " + Tokens.user(user));
        // the client itself must be able to send what the server is to refuse
        return WsClient.open(
                vertx,
                o,
                new WebSocketClientOptions().setMaxFrameSize(4 * LIMIT).setMaxMessageSize(16 * LIMIT));
    }

    private static String frameOf(long roomId, int bytes) {
        return WsClient.sendFrame(roomId, "x".repeat(bytes), "big-1").encode();
    }

    @ParameterizedTest(name = "{0} bytes of content")
    @ValueSource(ints = {LIMIT + 1, 3 * LIMIT})
    void oneFrameOverTheLimitClosesWith1009(int bytes) throws Exception {
        String seller = Fixtures.user("fl-seller");
        String buyer = Fixtures.user("fl-buyer");
        long roomId = Fixtures.room(seller, buyer);
        try (WsClient c = connect(buyer)) {
            c.sendOneFrame(frameOf(roomId, bytes));
            assertEquals((short) 1009, c.awaitClose(10_000));
        }
    }

    @Test
    void aFragmentedMessageOverTheLimitClosesWith1009() throws Exception {
        String seller = Fixtures.user("fl-seller");
        String buyer = Fixtures.user("fl-buyer");
        long roomId = Fixtures.room(seller, buyer);
        try (WsClient c = WsClient.withHeader(vertx, base.getPort(), Tokens.user(buyer))) {
            // the default client splits this into frames of 64 KB: each frame fits, the message does not
            c.send(frameOf(roomId, 3 * LIMIT));
            assertEquals((short) 1009, c.awaitClose(10_000));
        }
    }

    @Test
    void tooLongContentWithinTheLimitIsAnErrorFrameAndTheConnectionStays() throws Exception {
        String seller = Fixtures.user("fl-seller");
        String buyer = Fixtures.user("fl-buyer");
        long roomId = Fixtures.room(seller, buyer);
        try (WsClient c = WsClient.withHeader(vertx, base.getPort(), Tokens.user(buyer))) {
            c.send(WsClient.sendFrame(roomId, "가".repeat(1001), "long-1"));
            JsonObject error = c.next("error");
            assertEquals("long-1", error.getString("clientMsgId"));
            assertTrue(error.getString("detail").contains("content"), error.encode());
            // 1000 emoji are 12 KB of JSON escapes: still one message, and accepted
            c.send(WsClient.sendFrame(roomId, "😀".repeat(1000), "emoji-1")
                    .encode()
                    .replace("😀", "\\ud83d\\ude00"));
            assertEquals(
                    "😀".repeat(1000), c.next("ack").getJsonObject("message").getString("content"));
            assertNull(c.awaitClose(200));
            assertTrue(c.isOpen());
        }
    }
}
