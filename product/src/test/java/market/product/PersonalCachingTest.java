package market.product;

import static io.restassured.RestAssured.given;
import static market.product.Api.as;
import static market.product.Api.create;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Whatever sits in front (gateway, ingress, a CDN), no shared cache keeps what one user's token fetched. */
@QuarkusTest
class PersonalCachingTest {

    @Test
    void answersToATokenAreNeverStoredAnonymousOnesAreLeftAlone() {
        long id = create("cache-seller", Api.uniqueRegion());
        as("cache-user").get("/api/me").then().statusCode(200).header("Cache-Control", equalTo("private, no-store"));
        as("cache-user")
                .get("/api/me/likes")
                .then()
                .statusCode(200)
                .header("Cache-Control", equalTo("private, no-store"));
        // a listing fetched with a token carries the caller's own like
        as("cache-user")
                .get("/api/products/" + id)
                .then()
                .statusCode(200)
                .header("Cache-Control", equalTo("private, no-store"));
        // refusals too
        as("cache-user")
                .get("/api/products/99999999")
                .then()
                .statusCode(404)
                .header("Cache-Control", equalTo("private, no-store"));
        given().get("/api/products/" + id).then().statusCode(200).header("Cache-Control", nullValue());
        given().get("/api/categories").then().statusCode(200).header("Cache-Control", nullValue());
    }
}
