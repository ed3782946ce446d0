package market.product;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProfileApiTest {

    @Test
    void categoriesAreOpenToEveryone() {
        given().get("/api/categories")
                .then()
                .statusCode(200)
                .body("$", hasSize(greaterThanOrEqualTo(17)))
                .body("find { it.code == 'WANTED' }.name", equalTo("삽니다"))
                .body("code", hasItem("DIGITAL"));
    }

    @Test
    void meNeedsAValidToken() {
        given().get("/api/me")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401));
        given().auth()
                .oauth2(Tokens.forged("mallory"))
                .get("/api/me")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.expired("alice")).get("/api/me").then().statusCode(401);
        given().auth().oauth2("not-a-jwt").get("/api/me").then().statusCode(401);
    }

    @Test
    void aServiceAccountIsNotAUser() {
        given().auth()
                .oauth2(Tokens.service("chat-service"))
                .get("/api/me")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    @Test
    void firstCallCreatesTheProfile() {
        given().auth()
                .oauth2(Tokens.user("carol"))
                .get("/api/me")
                .then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("id", equalTo(Tokens.idOf("carol")))
                .body("nickname", equalTo("carol"))
                .body("mannerTemperature", equalTo(36.5f))
                .body("createdAt", notNullValue());
    }

    @Test
    void updateChecksInputAndVersion() {
        String token = Tokens.user("dave");
        int version = given().auth()
                .oauth2(token)
                .get("/api/me")
                .then()
                .statusCode(200)
                .extract()
                .path("version");

        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"nickname\": ")
                .put("/api/me")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"nickname\":\"dave2\",\"admin\":true}")
                .put("/api/me")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("admin"));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"nickname\":\"" + "x".repeat(31) + "\"}")
                .put("/api/me")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("nickname"));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"nickname\":\"ok\",\"version\":\"abc\"}")
                .put("/api/me")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("version"));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.TEXT)
                .body("nickname=x")
                .put("/api/me")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        given().auth().oauth2(token).get("/api/me").then().body("nickname", equalTo("dave"));

        // a 동 name no 행정동 has exactly (this one is no name at all) is refused, and nothing changes
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(
                        "{\"nickname\":\"<script>alert(1)</script>\",\"region\":\"역삼동'; DROP TABLE user_profile;--\",\"version\":"
                                + version + "}")
                .put("/api/me")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("region"));
        given().auth().oauth2(token).get("/api/me").then().body("nickname", equalTo("dave"));

        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"nickname\":\"<script>alert(1)</script>\",\"region\":\"역삼1동\",\"version\":" + version + "}")
                .put("/api/me")
                .then()
                .statusCode(200)
                .body("nickname", equalTo("<script>alert(1)</script>"))
                .body("region", equalTo("역삼1동"))
                .body("regionCode", equalTo("1168064000"));

        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"nickname\":\"stale\",\"version\":" + version + "}")
                .put("/api/me")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .header("If-Match", "\"999\"")
                .body("{\"nickname\":\"stale\"}")
                .put("/api/me")
                .then()
                .statusCode(412);
        given().auth().oauth2(token).get("/api/me").then().body("nickname", equalTo("<script>alert(1)</script>"));
    }

    @Test
    void unknownRoutesAnswerProblemJson() {
        given().get("/api/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void readinessChecksDatabaseAndBucket() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItem("image-bucket"))
                .body("status", equalTo("UP"));
    }
}
