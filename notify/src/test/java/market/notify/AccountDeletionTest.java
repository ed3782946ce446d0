package market.notify;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import market.common.db.Db;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 탈퇴 in notify: POST /internal/accounts/{userId}/deleted from product's outbox. */
@QuarkusTest
class AccountDeletionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Db db;

    private long count(String sql, Object... args) {
        return db.single(sql, r -> r.getLong("n"), args);
    }

    private static io.restassured.response.ValidatableResponse deleted(String token, String userId) {
        return given().auth()
                .oauth2(token)
                .post("/internal/accounts/" + userId + "/deleted")
                .then();
    }

    @Test
    void devicesSettingsAndInboxGoAndLaterEventsAreDropped() {
        String user = Api.unique("leaver");
        String id = Tokens.idOf(user);
        String phone = Api.newToken("leaver-phone");
        Api.registerDevice(user, phone, "ANDROID").statusCode(201);
        Api.settings(user, true, true, true, true, false);
        Api.event(Api.unique("c"), "COMMENT", user, "새 댓글", "안녕").statusCode(202);
        await().atMost(WAIT)
                .until(() -> Fcm.topic("notices").contains(phone)
                        && Fcm.topic("ads").contains(phone)
                        && Fcm.deliveredTo(phone).size() == 1);

        deleted(Tokens.service("product-service"), id).statusCode(204);

        assertEquals(0, count("SELECT count(*) AS n FROM device WHERE user_id = ?", id));
        assertEquals(0, count("SELECT count(*) AS n FROM notification WHERE user_id = ?", id));
        assertEquals(0, count("SELECT count(*) AS n FROM notification_settings WHERE user_id = ?", id));
        // the token leaves the topics, as at a logout: no notice or ad reaches the phone any more
        await().atMost(WAIT)
                .until(() -> !Fcm.topic("notices").contains(phone)
                        && !Fcm.topic("ads").contains(phone));
        // an event to the deleted account (sent before product knew, or replayed) lands nowhere
        Api.event(Api.unique("late"), "LIKE", user, "관심", "누군가")
                .statusCode(202)
                .body("pushed", equalTo(false))
                .body("duplicate", equalTo(false));
        assertEquals(0, count("SELECT count(*) AS n FROM notification WHERE user_id = ?", id));
        // the account's still-valid token: 401, and nothing is made again for it
        given().auth()
                .oauth2(Tokens.user(user))
                .get("/api/me/notifications")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        Api.registerDevice(user, Api.newToken("again"), "IOS").statusCode(401);
        assertEquals(0, count("SELECT count(*) AS n FROM device WHERE user_id = ?", id));
        assertEquals(0, count("SELECT count(*) AS n FROM notification_settings WHERE user_id = ?", id));
        // a repeat (the outbox delivers at least once) is a 204 that changes nothing
        deleted(Tokens.service("product-service"), id).statusCode(204);
        assertEquals(1, count("SELECT count(*) AS n FROM deleted_account WHERE user_id = ?", id));
    }

    @Test
    void onlyServicesMayTellAndOtherAccountsAreUntouched() {
        String user = Api.unique("stays");
        String id = Tokens.idOf(user);
        String phone = Api.newToken("stays-phone");
        Api.registerDevice(user, phone, "ANDROID").statusCode(201);
        given().post("/internal/accounts/" + id + "/deleted")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        deleted(Tokens.user(user), id).statusCode(403).contentType("application/problem+json");
        deleted(Tokens.admin(Api.unique("admin")), id).statusCode(403);
        assertEquals(1, count("SELECT count(*) AS n FROM device WHERE user_id = ?", id));
        assertEquals(0, count("SELECT count(*) AS n FROM deleted_account WHERE user_id = ?", id));
        // someone else's deletion leaves this account alone
        deleted(Tokens.service("product-service"), Tokens.idOf(Api.unique("other")))
                .statusCode(204);
        assertEquals(1, count("SELECT count(*) AS n FROM device WHERE user_id = ?", id));
        Api.inbox(user);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a%2Fb",
                "x%20y",
                "%E2%80%AE",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            })
    void aPathThatIsNoUserIdIs400AndStoresNothing(String raw) {
        long before = count("SELECT count(*) AS n FROM deleted_account");
        given().auth()
                .oauth2(Tokens.service("product-service"))
                .urlEncodingEnabled(false)
                .post("/internal/accounts/" + raw + "/deleted")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertEquals(before, count("SELECT count(*) AS n FROM deleted_account"));
    }

    @Test
    void twoDeliveriesAtOnceBothSucceed() throws Exception {
        String user = Api.unique("twice");
        String id = Tokens.idOf(user);
        Api.registerDevice(user, Api.newToken("twice"), "WEB").statusCode(201);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return deleted(Tokens.service("product-service"), id).extract().statusCode();
            }));
        }
        start.countDown();
        for (Future<Integer> f : results) {
            assertEquals(204, f.get());
        }
        pool.shutdown();
        assertEquals(1, count("SELECT count(*) AS n FROM deleted_account WHERE user_id = ?", id));
        assertFalse(count("SELECT count(*) AS n FROM device WHERE user_id = ?", id) > 0);
    }
}
