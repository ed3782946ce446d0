package market.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.stream.Stream;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class SettingsApiTest {

    @Test
    void everythingButMarketingIsOnByDefault() {
        given().auth()
                .oauth2(Tokens.user(Api.unique("set")))
                .get("/api/me/notification-settings")
                .then()
                .statusCode(200)
                .body("chat", equalTo(true))
                .body("activity", equalTo(true))
                .body("keywords", equalTo(true))
                .body("marketing", equalTo(false))
                .body("marketingNight", equalTo(false))
                // personal: no shared cache may keep it, whatever sits in front
                .header("Cache-Control", equalTo("private, no-store"));
    }

    @Test
    void nightConsentNeedsMarketingConsentAndStaleVersionsConflict() {
        String token = Tokens.user(Api.unique("set"));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"chat\":true,\"activity\":true,\"keywords\":true,\"marketing\":false,\"marketingNight\":true}")
                .put("/api/me/notification-settings")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        int version = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(
                        "{\"chat\":false,\"activity\":true,\"keywords\":true,\"marketing\":true,\"marketingNight\":true,\"version\":0}")
                .put("/api/me/notification-settings")
                .then()
                .statusCode(200)
                .body("chat", equalTo(false))
                .body("marketingNight", equalTo(true))
                .extract()
                .path("version");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(
                        "{\"chat\":true,\"activity\":true,\"keywords\":true,\"marketing\":false,\"marketingNight\":false,\"version\":"
                                + (version - 1) + "}")
                .put("/api/me/notification-settings")
                .then()
                .statusCode(409);
        given().auth()
                .oauth2(token)
                .get("/api/me/notification-settings")
                .then()
                .body("chat", equalTo(false))
                .body("marketing", equalTo(true));
    }

    /** One bad request about the settings of the user whose token is given. */
    interface BadSettings {
        void send(String token);
    }

    /** A body PUT refuses with a 400 problem. */
    static Arguments badBody(String name, String body) {
        return Arguments.of(name, (BadSettings) token -> given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/me/notification-settings")
                .then()
                .statusCode(400)
                .contentType("application/problem+json"));
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                badBody("malformed JSON", "{"),
                badBody("empty object", "{}"),
                badBody(
                        "chat is text",
                        "{\"chat\":\"yes\",\"activity\":true,\"keywords\":true,\"marketing\":false,\"marketingNight\":false}"),
                badBody(
                        "chat is a quoted boolean",
                        "{\"chat\":\"true\",\"activity\":true,\"keywords\":true,\"marketing\":false,\"marketingNight\":false}"),
                badBody(
                        "unknown field push",
                        "{\"chat\":true,\"activity\":true,\"keywords\":true,\"marketing\":false,\"marketingNight\":false,\"push\":true}"),
                badBody(
                        "negative version",
                        "{\"chat\":true,\"activity\":true,\"keywords\":true,\"marketing\":false,\"marketingNight\":false,\"version\":-1}"),
                badBody("null", "null"),
                Arguments.of("no token", (BadSettings) token ->
                        given().get("/api/me/notification-settings").then().statusCode(401)),
                Arguments.of("a service account", (BadSettings) token -> given().auth()
                        .oauth2(Tokens.service("chat-service"))
                        .get("/api/me/notification-settings")
                        .then()
                        .statusCode(403)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void badSettingsAreRejected(String name, BadSettings bad) {
        String token = Tokens.user(Api.unique("set"));
        bad.send(token);
        given().auth().oauth2(token).get("/api/me/notification-settings").then().body("marketing", equalTo(false));
    }

    @Test
    void publicNoticesAreOpenAndRejectBadCursors() {
        given().get("/api/notices").then().statusCode(200);
        given().queryParam("cursor", "%%%")
                .get("/api/notices")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("size", 0).get("/api/notices").then().statusCode(400);
    }

    @Test
    void unknownRoutesAnswerProblemJson() {
        given().get("/api/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void readinessChecksTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
