package market.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;

/** 탈퇴 in chat: product's feed closes the account's rooms; messages stay, named 탈퇴한 사용자; sending is refused. */
@QuarkusTest
class AccountDeletionTest {

    @Inject
    AgroalDataSource dataSource;

    private long count(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonPath room(String user, long roomId) {
        return given().auth()
                .oauth2(Tokens.user(user))
                .get("/api/chat/rooms/" + roomId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    @Test
    void aDeletedSellersRoomsCloseTheirMessagesStayAndSendingIsRefused() throws Exception {
        String seller = Fixtures.user("leaving-seller");
        String buyer = Fixtures.user("staying-buyer");
        String other = Fixtures.user("other-buyer");
        long roomId = Fixtures.room(seller, buyer);
        long otherRoom = Fixtures.room(seller, other);
        Fixtures.send(buyer, roomId, "안녕하세요");
        long fromSeller = Fixtures.send(seller, roomId, "네 안녕하세요");
        long untouched = Fixtures.room(Fixtures.user("someone-else"), buyer);
        assertEquals(false, room(buyer, roomId).getBoolean("closed"));

        FakeUpstreams.accountDeleted(seller);
        await("the room closed", () -> room(buyer, roomId).getBoolean("closed"));

        JsonPath view = room(buyer, roomId);
        assertEquals("탈퇴한 사용자", view.getString("seller.nickname"));
        assertEquals(Tokens.idOf(seller), view.getString("seller.id"));
        assertEquals(buyer, view.getString("buyer.nickname"));
        assertTrue(room(other, otherRoom).getBoolean("closed"), "every room of the account closes");
        assertEquals(false, room(buyer, untouched).getBoolean("closed"), "the buyer's other rooms stay open");
        // the conversation stays for the buyer, the seller's message with it
        given().auth()
                .oauth2(Tokens.user(buyer))
                .get("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items[1].id", equalTo((int) fromSeller))
                .body("items[1].senderId", equalTo(Tokens.idOf(seller)));
        // read-only: the buyer's send is refused, with the same clientMsgId again too, and nothing is stored
        for (int i = 0; i < 2; i++) {
            given().auth()
                    .oauth2(Tokens.user(buyer))
                    .contentType(ContentType.JSON)
                    .body("{\"content\":\"아직 계세요?\",\"clientMsgId\":\"closed-1\"}")
                    .post("/api/chat/rooms/" + roomId + "/messages")
                    .then()
                    .statusCode(422)
                    .contentType("application/problem+json");
        }
        assertEquals(2, count("SELECT count(*) FROM chat_message WHERE room_id = ?", roomId));
        // the deleted account's still-valid token opens no new room
        long another = Fixtures.product(Fixtures.user("seller-x"));
        given().auth()
                .oauth2(Tokens.user(seller))
                .contentType(ContentType.JSON)
                .body("{\"productId\":" + another + "}")
                .post("/api/chat/rooms")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        assertEquals(0, count("SELECT count(*) FROM chat_read WHERE user_id = ?", Tokens.idOf(seller)));
        assertEquals(1, count("SELECT count(*) FROM deleted_account WHERE user_id = ?", Tokens.idOf(seller)));
    }

    @Test
    void replayingTheFeedChangesNothing() throws Exception {
        String leaver = Fixtures.user("leaver");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(leaver, buyer);
        FakeUpstreams.accountDeleted(leaver);
        await("the room closed", () -> room(buyer, roomId).getBoolean("closed"));
        String closedAt = closedAt(roomId);
        long position = count("SELECT after_seq FROM account_feed");
        // the same deletion again (a replica that read the page twice, or product sending it again)
        FakeUpstreams.accountDeleted(leaver);
        await("the feed read again", () -> count("SELECT after_seq FROM account_feed") > position);
        assertEquals(closedAt, closedAt(roomId));
        assertEquals(1, count("SELECT count(*) FROM deleted_account WHERE user_id = ?", Tokens.idOf(leaver)));
    }

    private String closedAt(long roomId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT CAST(closed_at AS text) FROM chat_room WHERE id = ?")) {
            s.setLong(1, roomId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
