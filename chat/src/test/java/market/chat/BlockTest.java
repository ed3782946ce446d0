package market.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URL;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;

/**
 * 차단 in chat: product (faked here, GET /internal/users/{id}/blocks) says who is in a block; chat refuses new rooms
 * and messages between them (REST 403 problem+json of type blocked, WebSocket error frame "blocked"), and their
 * existing rooms stay readable, marked blocked. The block cache is off in tests (market.chat.block-cache-ttl=0s).
 */
@QuarkusTest
class BlockTest {

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL base;

    @Test
    void aBlockedPairCannotOpenARoom() {
        String seller = Fixtures.user("bseller");
        String buyer = Fixtures.user("bbuyer");
        long productId = Fixtures.product(seller);
        FakeUpstreams.block(Tokens.idOf(seller), Tokens.idOf(buyer));
        given().auth()
                .oauth2(Tokens.user(buyer))
                .contentType(ContentType.JSON)
                .body("{\"productId\":" + productId + "}")
                .post("/api/chat/rooms")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:market:problem:blocked"))
                .body("title", equalTo("Blocked"));
        given().auth()
                .oauth2(Tokens.user(buyer))
                .get("/api/chat/rooms")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
        // the service token went with the question
        assertTrue(FakeUpstreams.blockCalls().stream().allMatch(a -> a.startsWith("Bearer ")));
    }

    @Test
    void anExistingRoomBecomesReadOnlyThenWritableAgainAfterUnblock() {
        String seller = Fixtures.user("rseller");
        String buyer = Fixtures.user("rbuyer");
        long roomId = Fixtures.room(seller, buyer);
        long first = Fixtures.send(buyer, roomId, "안녕하세요");
        given().auth()
                .oauth2(Tokens.user(buyer))
                .get("/api/chat/rooms/" + roomId)
                .then()
                .body("blocked", equalTo(false));

        FakeUpstreams.block(Tokens.idOf(buyer), Tokens.idOf(seller));
        for (String who : new String[] {buyer, seller}) {
            given().auth()
                    .oauth2(Tokens.user(who))
                    .contentType(ContentType.JSON)
                    .body("{\"content\":\"아직 계세요?\"}")
                    .post("/api/chat/rooms/" + roomId + "/messages")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:market:problem:blocked"));
            // readable, and marked read-only for both
            given().auth()
                    .oauth2(Tokens.user(who))
                    .get("/api/chat/rooms/" + roomId + "/messages")
                    .then()
                    .statusCode(200)
                    .body("items.size()", equalTo(1))
                    .body("items[0].id", equalTo((int) first));
            given().auth()
                    .oauth2(Tokens.user(who))
                    .get("/api/chat/rooms/" + roomId)
                    .then()
                    .statusCode(200)
                    .body("blocked", equalTo(true));
            given().auth()
                    .oauth2(Tokens.user(who))
                    .get("/api/chat/rooms")
                    .then()
                    .body("items.find { it.id == " + roomId + " }.blocked", equalTo(true));
        }
        // opening the room again returns it (read-only), it is not a new room
        given().auth()
                .oauth2(Tokens.user(buyer))
                .contentType(ContentType.JSON)
                .body("{\"productId\":"
                        + given().auth()
                                .oauth2(Tokens.user(buyer))
                                .get("/api/chat/rooms/" + roomId)
                                .then()
                                .extract()
                                .path("product.id")
                        + "}")
                .post("/api/chat/rooms")
                .then()
                .statusCode(200)
                .body("id", equalTo((int) roomId))
                .body("blocked", equalTo(true));

        FakeUpstreams.unblock(Tokens.idOf(buyer), Tokens.idOf(seller));
        Fixtures.send(seller, roomId, "네 있어요");
    }

    @Test
    void aWebSocketSendBetweenBlockedPartiesGetsABlockedErrorFrame() throws Exception {
        String seller = Fixtures.user("wseller");
        String buyer = Fixtures.user("wbuyer");
        long roomId = Fixtures.room(seller, buyer);
        FakeUpstreams.block(Tokens.idOf(seller), Tokens.idOf(buyer));
        try (WsClient b = WsClient.withHeader(vertx, base.getPort(), Tokens.user(buyer))) {
            b.send(WsClient.sendFrame(roomId, "차단됐나요?", "blk-1"));
            JsonObject error = b.next("error");
            assertEquals("blocked", error.getString("code"));
            assertEquals("blk-1", error.getString("clientMsgId"));
            // the connection survives and other rooms still work
            long other = Fixtures.room(Fixtures.user("oseller"), buyer);
            b.send(WsClient.sendFrame(other, "다른 방", "ok-1"));
            assertEquals("ok-1", b.next("ack").getString("clientMsgId"));
        }
        given().auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .body("items.size()", equalTo(0));
    }

    @Test
    void withProductDownSendingKeepsWorkingOnTheLastKnownBlocks() {
        String seller = Fixtures.user("dseller");
        String buyer = Fixtures.user("dbuyer");
        long roomId = Fixtures.room(seller, buyer);
        FakeUpstreams.productDown();
        try {
            // product does not answer: the last known blocks (none) are used, the message goes through
            Fixtures.send(buyer, roomId, "product가 없어도 보내져요");
        } finally {
            FakeUpstreams.productUp();
        }
        assertFalse(FakeUpstreams.blockCalls().isEmpty());
    }
}
