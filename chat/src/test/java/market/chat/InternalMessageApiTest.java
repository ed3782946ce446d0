package market.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;

/** GET /internal/messages/{id}: product's moderation reads a reported message with its room's parties. */
@QuarkusTest
class InternalMessageApiTest {

    @Test
    void aServiceReadsAMessageWithItsRoomsParties() {
        String seller = Fixtures.user("rep-seller");
        String buyer = Fixtures.user("rep-buyer");
        long roomId = Fixtures.room(seller, buyer);
        long id = Fixtures.send(buyer, roomId, "입금 먼저 해주세요");
        given().auth()
                .oauth2(Tokens.service("product-service"))
                .get("/internal/messages/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo((int) id))
                .body("roomId", equalTo((int) roomId))
                .body("senderId", equalTo(Tokens.idOf(buyer)))
                .body("sellerId", equalTo(Tokens.idOf(seller)))
                .body("buyerId", equalTo(Tokens.idOf(buyer)))
                .body("type", equalTo("TEXT"))
                .body("content", equalTo("입금 먼저 해주세요"));
    }

    @Test
    void onlyServicesMayReadAndAMissingMessageIs404() {
        String seller = Fixtures.user("rep-seller");
        String buyer = Fixtures.user("rep-buyer");
        long id = Fixtures.send(buyer, Fixtures.room(seller, buyer), "안녕하세요");
        given().get("/internal/messages/" + id).then().statusCode(401);
        given().auth()
                .oauth2(Tokens.user(buyer))
                .get("/internal/messages/" + id)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.admin("rep-admin"))
                .get("/internal/messages/" + id)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.service("product-service"))
                .get("/internal/messages/999999999")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
