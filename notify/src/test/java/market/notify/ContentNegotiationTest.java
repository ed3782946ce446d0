package market.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * notify answers JSON (or SSE on the stream) or 406 problem+json; notices follow the one text rule.
 */
@QuarkusTest
class ContentNegotiationTest {

    private static final String ADMIN = Tokens.admin("cn-admin");
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
        String user = Api.unique("cn-user");
        Api.event(Api.unique("cn"), "COMMENT", user, "<script>alert(1)</script>", "본문")
                .statusCode(202);
        List<RequestSpecification> calls = List.of(
                given().accept(accept),
                given().auth().oauth2(Tokens.user(user)).accept(accept),
                given().auth().oauth2(Tokens.user(user)).accept(accept),
                given().auth().oauth2(ADMIN).accept(accept));
        List<String> paths =
                List.of("/api/notices", "/api/me/notifications", "/api/me/notification-settings", "/api/admin/notices");
        for (int i = 0; i < paths.size(); i++) {
            Response r = calls.get(i).get(paths.get(i)).then().extract().response();
            assertEquals(406, r.statusCode(), paths.get(i) + ": " + r.asString());
            assertTrue(r.contentType().startsWith("application/problem+json"), paths.get(i) + ": " + r.contentType());
            assertFalse(r.asString().contains("<script>"), r.asString());
        }
    }

    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(strings = {"*/*", "application/*", "application/json", "text/html, */*;q=0.1"})
    void jsonOrAWildcardGetsJson(String accept) {
        given().accept(accept).get("/api/notices").then().statusCode(200).contentType("application/json");
        given().auth()
                .oauth2(Tokens.user(Api.unique("cn-user")))
                .accept(accept)
                .get("/api/me/notifications")
                .then()
                .statusCode(200)
                .contentType("application/json");
    }

    @Test
    void noticesFollowTheTextRule() {
        // scheduled (and then cancelled) so they reach no inbox of other tests
        String later =
                java.time.Instant.now().plus(java.time.Duration.ofDays(30)).toString();
        String title = "공지 " + NFD_HANGUL + " " + Api.unique("t");
        long nfc = given().auth()
                .oauth2(ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"type\":\"NOTICE\",\"title\":\"" + title + "\",\"body\":\"" + NFD_HANGUL
                        + "\",\"scheduledAt\":\"" + later + "\"}")
                .post("/api/admin/notices")
                .then()
                .statusCode(202)
                .body("title", equalTo(title.replace(NFD_HANGUL, "한글")))
                .body("body", equalTo("한글"))
                .extract()
                .jsonPath()
                .getLong("id");
        given().auth().oauth2(ADMIN).delete("/api/admin/notices/" + nfc).then().statusCode(200);
        long scheduled = given().auth()
                .oauth2(ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"type\":\"NOTICE\",\"title\":\"" + "😀".repeat(100) + "\",\"body\":\"본문\","
                        + "\"scheduledAt\":\"" + later + "\"}")
                .post("/api/admin/notices")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getLong("id");
        given().auth()
                .oauth2(ADMIN)
                .delete("/api/admin/notices/" + scheduled)
                .then()
                .statusCode(200);
        for (String badTitle : List.of("😀".repeat(101), "\\u202e공지", "a\\ud800", "줄\\n바꿈")) {
            given().auth()
                    .oauth2(ADMIN)
                    .contentType(ContentType.JSON)
                    .body("{\"type\":\"NOTICE\",\"title\":\"" + badTitle + "\",\"body\":\"본문\"}")
                    .post("/api/admin/notices")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("title"));
        }
    }
}
