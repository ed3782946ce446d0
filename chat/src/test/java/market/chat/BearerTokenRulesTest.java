package market.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.concurrent.ExecutionException;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Only access tokens minted for the API authenticate, on the REST API and on the WebSocket upgrade: a token
 * without the market-api audience and an ID token answer 401 even when signed by the realm with every role.
 */
@QuarkusTest
class BearerTokenRulesTest {

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL base;

    @Test
    void theRestApiRefusesTokensNotMeantForIt() {
        String seller = Fixtures.user("aud-seller");
        String buyer = Fixtures.user("aud-buyer");
        long roomId = Fixtures.room(seller, buyer);
        for (String token : List.of(Tokens.withoutApiAudience(buyer), Tokens.idToken(buyer))) {
            given().auth()
                    .oauth2(token)
                    .get("/api/chat/rooms")
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer");
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body("{\"content\":\"안녕하세요\"}")
                    .post("/api/chat/rooms/" + roomId + "/messages")
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json");
        }
        given().auth()
                .oauth2(Tokens.user(buyer))
                .get("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void theWebSocketUpgradeRefusesTokensNotMeantForIt() throws Exception {
        try (WsClient ok = WsClient.withHeader(vertx, base.getPort(), Tokens.user("aud-bob"))) {
            assertTrue(ok.isOpen());
        }
        for (String token : List.of(Tokens.withoutApiAudience("aud-bob"), Tokens.idToken("aud-bob"))) {
            assertEquals(401, rejected(WsClient.options(base.getPort()).addHeader("Authorization", "Bearer " + token)));
            // the browser's way: the token in the Quarkus subprotocol header
            assertEquals(
                    401,
                    rejected(WsClient.options(base.getPort())
                            .setSubProtocols(
                                    List.of("quarkus", "quarkus-http-upgrade#Authorization#Bearer%20" + token))));
        }
    }

    private int rejected(WebSocketConnectOptions options) {
        ExecutionException e = assertThrows(
                ExecutionException.class, () -> WsClient.open(vertx, options).close());
        assertTrue(e.getCause() instanceof UpgradeRejectedException, "rejected upgrade, got " + e.getCause());
        return ((UpgradeRejectedException) e.getCause()).getStatus();
    }
}
