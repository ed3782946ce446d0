package market.notify;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import market.testing.PostgresResource;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;

/** What callers get when PostgreSQL refuses a value or is down: problem+json, never a bare 500. */
@QuarkusTest
class StorageFailureApiTest {

    @Test
    void aValuePostgresCannotStoreIs400() {
        // No PostgreSQL text can hold NUL; the idempotency key is the one field that reaches the database unchecked.
        String user = Api.unique("nul");
        given().auth()
                .oauth2(Tokens.service("product-service"))
                .contentType(ContentType.JSON)
                .body("""
                        {"idempotencyKey":"k\\u0000x","type":"LIKE","recipientId":"%s","title":"t","body":"b"}""".formatted(Tokens.idOf(user)))
                .post("/internal/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("A value contains characters that can not be stored"));
        Api.inbox(user).body("items", hasSize(0));
    }

    @Test
    void withPostgresDownTheApiAnswers503AndWorksAgainWhenItReturns() {
        String user = Api.unique("pgdown");
        Api.inbox(user);
        PostgresResource.stopServer();
        try {
            given().auth()
                    .oauth2(Tokens.user(user))
                    .get("/api/me/notification-settings")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5");
            given().auth()
                    .oauth2(Tokens.user(user))
                    .contentType(ContentType.JSON)
                    .body("{\"token\":\"" + Api.newToken("down") + "\",\"platform\":\"ANDROID\"}")
                    .post("/api/devices")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5");
            given().get("/api/notices")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5");
        } finally {
            PostgresResource.startServer();
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> given().auth()
                                .oauth2(Tokens.user(user))
                                .get("/api/me/notifications")
                                .statusCode()
                        == 200);
    }
}
