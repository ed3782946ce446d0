package market.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;

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

    @Test
    void badSettingsAreRejected() {
        String token = Tokens.user(Api.unique("set"));
        for (String body : new String[] {
            "{",
            "{}",
            "{\"chat\":\"yes\",\"activity\":true,\"keywords\":true,\"marketing\":false,\"marketingNight\":false}",
            "{\"chat\":\"true\",\"activity\":true,\"keywords\":true,\"marketing\":false,\"marketingNight\":false}",
            "{\"chat\":true,\"activity\":true,\"keywords\":true,\"marketing\":false,\"marketingNight\":false,\"push\":true}",
            "{\"chat\":true,\"activity\":true,\"keywords\":true,\"marketing\":false,\"marketingNight\":false,\"version\":-1}",
            "null"
        }) {
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(body)
                    .put("/api/me/notification-settings")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        given().get("/api/me/notification-settings").then().statusCode(401);
        given().auth()
                .oauth2(Tokens.service("chat-service"))
                .get("/api/me/notification-settings")
                .then()
                .statusCode(403);
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
