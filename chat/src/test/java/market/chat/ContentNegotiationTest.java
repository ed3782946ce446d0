package market.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * chat answers JSON or 406 (problem+json), never another format; and chat text follows the one text rule
 * (NFC, code points, no lone surrogates, controls or bidi overrides).
 */
@QuarkusTest
class ContentNegotiationTest {

    private static final String NFD_HANGUL = "\u1112\u1161\u11AB\u1100\u1173\u11AF"; // 한글, decomposed

    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(
            strings = {
                "text/html",
                "application/xml",
                "image/svg+xml",
                "text/plain",
                "text/html,application/xhtml+xml,application/xml;q=0.9"
            })
    void otherFormatsAreRefusedWith406(String accept) {
        String seller = Fixtures.user("cn-seller");
        String buyer = Fixtures.user("cn-buyer");
        long roomId = Fixtures.room(seller, buyer);
        Fixtures.send(buyer, roomId, "<script>alert(1)</script>");
        for (String path :
                List.of("/api/chat/rooms", "/api/chat/rooms/" + roomId, "/api/chat/rooms/" + roomId + "/messages")) {
            Response r = given().auth()
                    .oauth2(Tokens.user(buyer))
                    .accept(accept)
                    .get(path)
                    .then()
                    .extract()
                    .response();
            assertEquals(406, r.statusCode(), path + ": " + r.asString());
            assertTrue(r.contentType().startsWith("application/problem+json"), path + ": " + r.contentType());
            assertFalse(r.asString().contains("<script>"), r.asString());
            assertFalse(r.asString().contains("[id="), r.asString());
        }
        Response r = given().auth()
                .oauth2(Tokens.user(buyer))
                .accept(accept)
                .contentType(ContentType.JSON)
                .body("{\"content\":\"안 보내져야 해요\"}")
                .post("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .extract()
                .response();
        assertEquals(406, r.statusCode(), r.asString());
        given().auth()
                .oauth2(Tokens.user(buyer))
                .get("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .body("items.size()", equalTo(1));
    }

    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(strings = {"*/*", "application/*", "application/json", "text/html, */*;q=0.1"})
    void jsonOrAWildcardGetsJson(String accept) {
        String buyer = Fixtures.user("cn-buyer");
        given().auth()
                .oauth2(Tokens.user(buyer))
                .accept(accept)
                .get("/api/chat/rooms")
                .then()
                .statusCode(200)
                .contentType("application/json");
    }

    @Test
    void messagesFollowTheTextRule() {
        String seller = Fixtures.user("tx-seller");
        String buyer = Fixtures.user("tx-buyer");
        long roomId = Fixtures.room(seller, buyer);
        String path = "/api/chat/rooms/" + roomId + "/messages";
        given().auth()
                .oauth2(Tokens.user(buyer))
                .contentType(ContentType.JSON)
                .body("{\"content\":\"" + NFD_HANGUL + "\"}")
                .post(path)
                .then()
                .statusCode(201)
                .body("content", equalTo("한글"));
        given().auth()
                .oauth2(Tokens.user(buyer))
                .contentType(ContentType.JSON)
                .body("{\"content\":\"" + "😀".repeat(1000) + "\"}")
                .post(path)
                .then()
                .statusCode(201);
        for (String bad : List.of("😀".repeat(1001), "\\u202e거꾸로", "a\\ud800b", "a\\u0000b", "\\u0007")) {
            given().auth()
                    .oauth2(Tokens.user(buyer))
                    .contentType(ContentType.JSON)
                    .body("{\"content\":\"" + bad + "\"}")
                    .post(path)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("content"));
        }
        given().auth()
                .oauth2(Tokens.user(buyer))
                .contentType(ContentType.JSON)
                .body("{\"content\":\"만나요\",\"appointment\":{\"at\":\"2026-12-24T19:30:00+09:00\","
                        + "\"place\":\"\\u202e역삼역\"}}")
                .post(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.user(buyer)).get(path).then().body("items.size()", equalTo(2));
    }
}
