package market.product;

import static market.product.Api.as;
import static market.product.Api.json;
import static market.product.Api.problem;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** As deployed: a listing needs a verified 동네 and is in it (the other tests post anywhere). */
@QuarkusTest
@TestProfile(VerifiedRegionTest.RequireVerified.class)
class VerifiedRegionTest {

    public static class RequireVerified implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("market.regions.require-verified", "true");
        }
    }

    static final String A = RegionsTest.A;
    static final String B = RegionsTest.B;

    /** Today's clients' body: a 동 name that is no 행정동 (역삼동 is a 법정동), no regionCode. */
    private static String legacyBody(String title) {
        return """
                {"title":"%s","description":"설명","price":1000,"category":"OTHER","region":"역삼동"}""".formatted(title);
    }

    @Test
    void aListingNeedsAVerifiedNeighbourhoodAndIsInIt() {
        String u = "verified-" + UUID.randomUUID().toString().substring(0, 8);
        // no 동네
        problem(json(u).body(legacyBody("첫 물건")).post("/api/products").then(), 422);
        // a 동네, not verified
        json(u).body("{\"nickname\":\"nick\",\"regionCode\":\"" + A + "\"}")
                .put("/api/me")
                .then()
                .statusCode(200);
        problem(json(u).body(legacyBody("첫 물건")).post("/api/products").then(), 422);
        as(u).get("/api/me/products").then().body("items.size()", equalTo(0));

        json(u).body("{\"lat\":" + RegionsTest.A_LAT + ",\"lng\":" + RegionsTest.A_LNG + "}")
                .post("/api/me/region-verification")
                .then()
                .statusCode(200);
        // today's body keeps working: the listing is in the verified 동네
        long id = ((Number) json(u).body(legacyBody("첫 물건"))
                        .post("/api/products")
                        .then()
                        .statusCode(201)
                        .body("regionCode", equalTo(A))
                        .body("region", equalTo("일도1동"))
                        .extract()
                        .path("id"))
                .longValue();
        // another 동 is refused, the own one accepted
        problem(
                json(u).body(Api.body("둘째", 1000, "OTHER", B))
                        .post("/api/products")
                        .then(),
                422);
        json(u).body(Api.body("둘째", 1000, "OTHER", A))
                .post("/api/products")
                .then()
                .statusCode(201);
        // an edit keeps the listing's 동, and cannot move it
        problem(
                json(u).body(Api.body("고친 제목", 1000, "OTHER", B).replace("}", ",\"version\":0}"))
                        .put("/api/products/" + id)
                        .then(),
                422);
        json(u).body(legacyBody("고친 제목").replace("}", ",\"version\":0}"))
                .put("/api/products/" + id)
                .then()
                .statusCode(200)
                .body("regionCode", equalTo(A));
        // moving to another 동네 needs a new verification before the next listing
        json(u).body("{\"nickname\":\"nick\",\"regionCode\":\"" + B + "\"}")
                .put("/api/me")
                .then()
                .statusCode(200);
        problem(json(u).body(legacyBody("셋째")).post("/api/products").then(), 422);
        as(u).get("/api/me/products").then().body("items.size()", equalTo(2));
    }
}
