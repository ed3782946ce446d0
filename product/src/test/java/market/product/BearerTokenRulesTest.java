package market.product;

import static io.restassured.RestAssured.given;
import static market.product.Api.create;
import static market.product.Api.problem;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Only access tokens minted for the API authenticate: a token without the market-api audience (another
 * client of the realm) and an ID token answer 401 even when signed by the realm and carrying every role.
 */
@QuarkusTest
class BearerTokenRulesTest {

    @Test
    void aTokenWithoutTheApiAudienceIsNotAccepted() {
        given().auth().oauth2(Tokens.user("aud-alice")).get("/api/me").then().statusCode(200);
        problem(
                        given().auth()
                                .oauth2(Tokens.withoutApiAudience("aud-alice"))
                                .get("/api/me")
                                .then(),
                        401)
                .header("WWW-Authenticate", "Bearer");
        problem(
                given().auth()
                        .oauth2(Tokens.withoutApiAudience("aud-alice"))
                        .contentType(ContentType.JSON)
                        .body("{\"nickname\":\"renamed\"}")
                        .put("/api/me")
                        .then(),
                401);
        given().auth().oauth2(Tokens.user("aud-alice")).get("/api/me").then().body("nickname", equalTo("aud-alice"));
    }

    @Test
    void anIdTokenIsNotABearerCredential() {
        given().auth().oauth2(Tokens.user("idt-bob")).get("/api/me").then().statusCode(200);
        problem(given().auth().oauth2(Tokens.idToken("idt-bob")).get("/api/me").then(), 401)
                .header("WWW-Authenticate", "Bearer");
        problem(
                given().auth()
                        .oauth2(Tokens.idToken("idt-bob"))
                        .contentType(ContentType.JSON)
                        .body("{\"nickname\":\"renamed\"}")
                        .put("/api/me")
                        .then(),
                401);
        given().auth().oauth2(Tokens.user("idt-bob")).get("/api/me").then().body("nickname", equalTo("idt-bob"));
    }

    @Test
    void aServiceTokenWithoutTheApiAudienceCannotReportChats() {
        long id = create("aud-seller", Api.uniqueRegion());
        String room = "{\"buyerId\":\"" + Tokens.idOf("aud-buyer") + "\"}";
        problem(
                given().auth()
                        .oauth2(Tokens.serviceWithoutApiAudience("chat-service"))
                        .contentType(io.restassured.http.ContentType.JSON)
                        .body(room)
                        .put("/internal/products/" + id + "/chats/21")
                        .then(),
                401);
        given().get("/api/products/" + id).then().body("chatCount", equalTo(0));
        given().auth()
                .oauth2(Tokens.service("chat-service"))
                .contentType(io.restassured.http.ContentType.JSON)
                .body(room)
                .put("/internal/products/" + id + "/chats/21")
                .then()
                .statusCode(204);
        given().get("/api/products/" + id).then().body("chatCount", equalTo(1));
    }
}
