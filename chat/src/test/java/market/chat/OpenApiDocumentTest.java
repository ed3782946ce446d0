package market.chat;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import market.testing.OpenApiDocuments;
import org.junit.jupiter.api.Test;

/** The API contract in docs/openapi/chat.yaml is what the code serves; -Dmarket.regenerate=true rewrites it. */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void checkedInDocumentIsWhatTheServiceServes() {
        String yaml = given().accept("application/yaml")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertNull(OpenApiDocuments.difference("chat", yaml));
    }

    @Test
    void everyOperationAnswersSomethingAndDeclaresItsPolicy() {
        String json = given().accept("application/json")
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(
                List.of(),
                OpenApiDocuments.contractProblems(
                        json, "market.chat.api", getClass().getClassLoader()));
    }
}
