package market.notify;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import market.testing.Tokens;

/** Short-hands for calls many tests make. */
final class Api {

    private Api() {}

    static String newToken(String hint) {
        return hint + ":APA91b" + UUID.randomUUID().toString().replace("-", "");
    }

    static ValidatableResponse registerDevice(String username, String token, String platform) {
        return given().auth()
                .oauth2(Tokens.user(username))
                .contentType(ContentType.JSON)
                .body("{\"token\":\"" + token + "\",\"platform\":\"" + platform + "\"}")
                .post("/api/devices")
                .then();
    }

    static ValidatableResponse settings(
            String username, boolean chat, boolean activity, boolean keywords, boolean marketing, boolean night) {
        return given().auth()
                .oauth2(Tokens.user(username))
                .contentType(ContentType.JSON)
                .body("{\"chat\":%s,\"activity\":%s,\"keywords\":%s,\"marketing\":%s,\"marketingNight\":%s}"
                        .formatted(chat, activity, keywords, marketing, night))
                .put("/api/me/notification-settings")
                .then()
                .statusCode(200);
    }

    static ValidatableResponse event(String key, String type, String username, String title, String body) {
        return given().auth()
                .oauth2(Tokens.service("product-service"))
                .contentType(ContentType.JSON)
                .body("""
                        {"idempotencyKey":"%s","type":"%s","recipientId":"%s","title":"%s","body":"%s",
                         "data":{"productId":"42"}}""".formatted(key, type, Tokens.idOf(username), title, body))
                .post("/internal/events")
                .then();
    }

    static ValidatableResponse inbox(String username) {
        return given().auth()
                .oauth2(Tokens.user(username))
                .get("/api/me/notifications")
                .then()
                .statusCode(200);
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
