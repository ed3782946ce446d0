package market.product;

import static io.restassured.RestAssured.given;
import static market.product.Api.as;
import static market.product.Api.create;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API answers JSON or 406 (problem+json): never a record's toString() with raw user text as HTML. */
@QuarkusTest
class ContentNegotiationTest {

    private static final String TITLE = "<script>alert(1)</script> 자전거";

    @TestHTTPResource("/")
    URI base;

    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(
            strings = {
                "text/html",
                "application/xml",
                "image/svg+xml",
                "text/plain",
                "image/png",
                "text/html,application/xhtml+xml,application/xml;q=0.9",
                "application/problem+xml"
            })
    void otherFormatsAreRefusedWith406(String accept) {
        String region = Api.uniqueRegion();
        long id = create("neg-seller", TITLE, 1000, "DIGITAL", region);
        List<String> anonymous = List.of(
                "/api/products/" + id,
                "/api/products?range=0&regionCode=" + region,
                "/api/categories",
                "/api/users/" + Tokens.idOf("neg-seller"),
                "/api/products/" + id + "/comments");
        for (String path : anonymous) {
            check(given().accept(accept).get(path).then().extract().response(), path);
        }
        for (String path : List.of("/api/me", "/api/me/products", "/api/me/likes", "/api/me/keywords")) {
            check(as("neg-seller").accept(accept).get(path).then().extract().response(), path);
        }
        // refused before anything runs: no listing is created
        check(
                as("neg-seller")
                        .accept(accept)
                        .contentType("application/json")
                        .body(Api.body(TITLE, 1000, "DIGITAL", region))
                        .post("/api/products")
                        .then()
                        .extract()
                        .response(),
                "POST /api/products");
        given().get("/api/products?range=0&regionCode=" + region).then().body("items.size()", equalTo(1));
    }

    private static void check(io.restassured.response.Response r, String what) {
        String body = r.asString();
        assertEquals(406, r.statusCode(), what + ": " + body);
        assertTrue(r.contentType().startsWith("application/problem+json"), what + ": " + r.contentType());
        assertFalse(body.contains("<script>"), what + ": " + body);
        assertFalse(body.contains("[id="), what + ": " + body);
    }

    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(
            strings = {
                "*/*",
                "application/*",
                "application/json",
                "application/json; charset=UTF-8",
                "text/html, application/json;q=0.5",
                "text/html, */*;q=0.1"
            })
    void jsonOrAWildcardGetsJson(String accept) {
        long id = create("neg-seller", TITLE, 1000, "DIGITAL", Api.uniqueRegion());
        given().accept(accept)
                .get("/api/products/" + id)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("title", equalTo(TITLE));
        as("neg-seller").accept(accept).get("/api/me").then().statusCode(200).contentType("application/json");
    }

    @Test
    void noAcceptHeaderGetsJson() throws Exception {
        long id = create("neg-seller", TITLE, 1000, "DIGITAL", Api.uniqueRegion());
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(base.resolve("/api/products/" + id))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }
}
