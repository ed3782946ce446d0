package market.chat;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import market.testing.Tokens;

/** Rooms and users for tests: every test uses its own users so rate limits and room lists don't interfere. */
final class Fixtures {

    private static final AtomicLong PRODUCT_IDS = new AtomicLong(1000);

    private Fixtures() {}

    static String user(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A product of the seller that the fake product service knows. */
    static long product(String seller) {
        long id = PRODUCT_IDS.incrementAndGet();
        FakeUpstreams.product(id, seller, "아이폰 13 미니 " + id, 450000);
        return id;
    }

    /** Opens (creates) the buyer's room on a fresh product of the seller; returns the room id. */
    static long room(String seller, String buyer) {
        long productId = product(seller);
        return ((Number) given().auth()
                        .oauth2(Tokens.user(buyer))
                        .contentType(ContentType.JSON)
                        .body("{\"productId\":" + productId + "}")
                        .post("/api/chat/rooms")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
    }

    static long send(String user, long roomId, String content) {
        return ((Number) given().auth()
                        .oauth2(Tokens.user(user))
                        .contentType(ContentType.JSON)
                        .body("{\"content\":\"" + content + "\"}")
                        .post("/api/chat/rooms/" + roomId + "/messages")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
    }
}
