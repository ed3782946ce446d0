package market.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.List;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Only access tokens minted for the API authenticate: a token without the market-api audience (another
 * client of the realm, or a service account without the mapper) and an ID token answer 401, even when
 * signed by the realm and carrying every role; nothing they send is stored.
 */
@QuarkusTest
class BearerTokenRulesTest {

    @TestHTTPResource("/api/me/notifications/stream")
    URL streamUrl;

    @Test
    void userEndpointsRefuseTokensNotMeantForTheApi() throws Exception {
        String user = Api.unique("aud");
        String device = Api.newToken("aud");
        String body = "{\"token\":\"" + device + "\",\"platform\":\"WEB\"}";
        Api.inbox(user).body("items", hasSize(0));
        for (String token : List.of(Tokens.withoutApiAudience(user), Tokens.idToken(user))) {
            given().auth()
                    .oauth2(token)
                    .get("/api/me/notifications")
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer");
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/devices")
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json");
            given().auth().oauth2(token).get("/api/admin/notices").then().statusCode(401);
            try (Sse sse = Sse.open(streamUrl.toString(), token, null)) {
                assertEquals(401, sse.status);
            }
        }
        // the device was never registered: deleting it is a 404 for its would-be owner
        given().auth()
                .oauth2(Tokens.user(user))
                .delete("/api/devices/" + device)
                .then()
                .statusCode(404);
    }

    @Test
    void internalEventsRefuseAServiceTokenWithoutTheApiAudience() {
        String user = Api.unique("aud-evt");
        String event = """
                {"idempotencyKey":"%s","type":"LIKE","recipientId":"%s","title":"관심","body":"x","data":{"productId":"42"}}""".formatted(Api.unique("k"), Tokens.idOf(user));
        given().auth()
                .oauth2(Tokens.serviceWithoutApiAudience("product-service"))
                .contentType(ContentType.JSON)
                .body(event)
                .post("/internal/events")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        Api.inbox(user).body("items", hasSize(0));
        given().auth()
                .oauth2(Tokens.service("product-service"))
                .contentType(ContentType.JSON)
                .body(event)
                .post("/internal/events")
                .then()
                .statusCode(202)
                .body("duplicate", equalTo(false));
        Api.inbox(user).body("items", hasSize(1));
    }
}
