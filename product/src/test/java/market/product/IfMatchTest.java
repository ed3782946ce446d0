package market.product;

import static io.restassured.RestAssured.given;
import static market.product.Api.create;
import static market.product.Api.json;
import static market.product.Api.problem;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;

/** If-Match and a body version must agree: a current If-Match does not launder a stale body. */
@QuarkusTest
class IfMatchTest {

    @Test
    void aCurrentIfMatchWithAStaleBodyVersionIsAConflict() {
        String region = Api.uniqueRegion();
        long id = create("text-owner", "원래 제목", 1000, "DIGITAL", region);
        json("text-owner")
                .body(Api.body("첫 수정", 1000, "DIGITAL", region).replace("}", ",\"version\":0}"))
                .put("/api/products/" + id)
                .then()
                .statusCode(200)
                .body("version", equalTo(1));
        // If-Match names the current version 1, the body was edited from version 0
        problem(
                json("text-owner")
                        .header("If-Match", "\"1\"")
                        .body(Api.body("덮어쓰기", 1, "DIGITAL", region).replace("}", ",\"version\":0}"))
                        .put("/api/products/" + id)
                        .then(),
                409);
        problem(
                json("text-owner")
                        .header("If-Match", "\"1\"")
                        .body("{\"status\":\"RESERVED\",\"version\":0}")
                        .patch("/api/products/" + id + "/status")
                        .then(),
                409);
        given().get("/api/products/" + id)
                .then()
                .body("title", equalTo("첫 수정"))
                .body("version", equalTo(1))
                .body("status", equalTo("ON_SALE"));
        String token = Tokens.user("text-profile");
        String etag = given().auth()
                .oauth2(token)
                .get("/api/me")
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"nickname\":\"첫이름\",\"version\":0}")
                .put("/api/me")
                .then()
                .statusCode(200);
        String current =
                given().auth().oauth2(token).get("/api/me").then().extract().header("ETag");
        problem(
                given().auth()
                        .oauth2(token)
                        .contentType("application/json")
                        .header("If-Match", current)
                        .body("{\"nickname\":\"덮어쓰기\",\"version\":0}")
                        .put("/api/me")
                        .then(),
                409);
        given().auth().oauth2(token).get("/api/me").then().body("nickname", equalTo("첫이름"));
        org.junit.jupiter.api.Assertions.assertNotEquals(etag, current);
        // both agreeing on the current version is fine
        json("text-owner")
                .header("If-Match", "\"1\"")
                .body(Api.body("둘째 수정", 1000, "DIGITAL", region).replace("}", ",\"version\":1}"))
                .put("/api/products/" + id)
                .then()
                .statusCode(200)
                .body("version", equalTo(2));
    }
}
