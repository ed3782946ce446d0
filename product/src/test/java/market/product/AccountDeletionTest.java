package market.product;

import static io.restassured.RestAssured.given;
import static market.product.Api.as;
import static market.product.Api.create;
import static market.product.Api.json;
import static market.product.Api.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import market.product.client.DeliveryRefused;
import market.product.client.KeycloakUsers;
import market.product.config.ProductConfig;
import market.testing.TestImages;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** 탈퇴: DELETE /api/me, the tombstone, the outbox to Keycloak and notify, chat's feed, and the Keycloak client. */
@QuarkusTest
class AccountDeletionTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    KeycloakUsers keycloak;

    @Inject
    S3Client s3;

    @Inject
    ProductConfig config;

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

    @Test
    void deletingTakesTheAccountOutOfEverythingProductServes() {
        String region = Api.uniqueRegion();
        String leaver = "leaver1";
        String id = Tokens.idOf(leaver);
        as(leaver).get("/api/me").then().statusCode(200);
        long own = create(leaver, "떠날 사람의 의자", 5000, "FURNITURE", region);
        String photo = as(leaver)
                .multiPart("files", "a.png", TestImages.pngWithText(64, 48), "image/png")
                .post("/api/products/" + own + "/images")
                .then()
                .statusCode(201)
                .extract()
                .path("[0].url");
        long other = create("stayer1", "남는 사람의 책상", 7000, "FURNITURE", region);
        as(leaver).put("/api/products/" + other + "/like").then().statusCode(204);
        json(leaver)
                .body("{\"content\":\"아직 있나요?\"}")
                .post("/api/products/" + other + "/comments")
                .then()
                .statusCode(201);
        json(leaver)
                .body("{\"keyword\":\"자전거\"}")
                .post("/api/me/keywords")
                .then()
                .statusCode(201);
        given().get("/api/products/" + other).then().body("likeCount", equalTo(1));
        given().get(photo).then().statusCode(200);

        as(leaver).delete("/api/me").then().statusCode(204);

        // the listing and its photo are gone; the like is taken back; the comment stays, its author does not
        problem(given().get("/api/products/" + own).then(), 404);
        given().get(photo).then().statusCode(404);
        given().get("/api/products?range=0&regionCode=" + region)
                .then()
                .body("items.id", not(hasItem((int) own)))
                .body("items.size()", equalTo(1));
        given().get("/api/products/" + other).then().body("likeCount", equalTo(0));
        JsonPath comments = given().get("/api/products/" + other + "/comments")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("탈퇴한 사용자", comments.getString("items[0].author.nickname"));
        assertEquals(null, comments.getString("items[0].author.id"));
        assertEquals("아직 있나요?", comments.getString("items[0].content"));
        problem(given().get("/api/users/" + id).then(), 404);
        assertEquals(0, count("SELECT count(*) FROM keyword_alert WHERE user_id = ?", id));
        assertEquals(0, count("SELECT count(*) FROM product_like WHERE user_id = ?", id));
        assertEquals(0, count("SELECT count(*) FROM user_profile WHERE id = ?", id));
        assertEquals(0, count("SELECT count(*) FROM product_image WHERE product_id = ?", own));

        // the token is still signed and unexpired, but it speaks for nobody now: 401 everywhere but DELETE /api/me
        problem(as(leaver).get("/api/me").then(), 401);
        problem(
                json(leaver)
                        .body(Api.body("다시", 1, "OTHER", region))
                        .post("/api/products")
                        .then(),
                401);
        problem(as(leaver).get("/api/me/products").then(), 401);
        as(leaver).delete("/api/me").then().statusCode(204);
        assertEquals(0, count("SELECT count(*) FROM user_profile WHERE id = ?", id), "nothing was made again");

        // Keycloak's user deleted right away, notify told through the outbox; each once however often it is asked
        assertEquals(1, deleted(id));
        Api.await(
                "notify told, both rows delivered",
                Duration.ofSeconds(20),
                () -> FakeNotify.DELETED_ACCOUNTS.contains(id)
                        && count(
                                        "SELECT count(*) FROM outbox_event WHERE recipient_id = ? AND type = 'ACCOUNT_DELETED'"
                                                + " AND delivered_at IS NOT NULL",
                                        id)
                                == 2);
        // the photos were orphaned: the cleanup job removes them from the bucket
        String key = photo.substring("/api/images/".length());
        Api.await("photo removed from the bucket", Duration.ofSeconds(20), () -> {
            try {
                s3.headObject(b -> b.bucket(config.bucket()).key(key));
                return false;
            } catch (NoSuchKeyException e) {
                return true;
            }
        });
    }

    @Test
    void anotherFormatIsRefusedBeforeAnythingIsDeleted() {
        String user = "keeper1";
        as(user).get("/api/me").then().statusCode(200);
        problem(as(user).accept("text/html").delete("/api/me").then(), 406);
        as(user).get("/api/me").then().statusCode(200);
        assertEquals(0, count("SELECT count(*) FROM deleted_account WHERE user_id = ?", Tokens.idOf(user)));
    }

    @Test
    void anonymousCannotDeleteAndServicesCannotReadAsUsers() {
        problem(given().delete("/api/me").then(), 401);
        problem(
                given().auth()
                        .oauth2(Tokens.service("chat-service"))
                        .delete("/api/me")
                        .then(),
                403);
        problem(
                given().auth()
                        .oauth2(Tokens.expired("leaver-x"))
                        .delete("/api/me")
                        .then(),
                401);
    }

    @Test
    void twoDeletionsAtOnceBothAnswer204AndDeleteOnce() throws Exception {
        String leaver = "leaver2";
        String id = Tokens.idOf(leaver);
        long own = create(leaver, Api.uniqueRegion());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Callable<Integer> call = () -> {
                start.await();
                return as(leaver).delete("/api/me").statusCode();
            };
            results.add(pool.submit(call));
        }
        start.countDown();
        for (Future<Integer> f : results) {
            assertEquals(204, f.get());
        }
        pool.shutdown();
        problem(given().get("/api/products/" + own).then(), 404);
        assertEquals(1, count("SELECT count(*) FROM deleted_account WHERE user_id = ?", id));
        assertEquals(
                2, count("SELECT count(*) FROM outbox_event WHERE recipient_id = ? AND type = 'ACCOUNT_DELETED'", id));
        assertEquals(1, deleted(id));
    }

    /** Keycloak users deleted (204; a repeat finds none: 404). */
    private static long deleted(String id) {
        return FakeKeycloakAdmin.of("DELETE", id).stream()
                .filter(c -> c.status() == 204)
                .count();
    }

    @Test
    void keycloakDownAtDeletionTheOutboxDeletesTheUserLater() {
        String leaver = "leaver3";
        String id = Tokens.idOf(leaver);
        long own = create(leaver, Api.uniqueRegion());
        FakeKeycloakAdmin.down = true;
        try {
            as(leaver).delete("/api/me").then().statusCode(204);
            // product's part is done whatever Keycloak does
            problem(given().get("/api/products/" + own).then(), 404);
            problem(as(leaver).get("/api/me").then(), 401);
            assertEquals(0, FakeKeycloakAdmin.of("DELETE", id).size());
        } finally {
            FakeKeycloakAdmin.down = false;
        }
        Api.await(
                "the outbox deleted the Keycloak user",
                Duration.ofSeconds(30),
                () -> !FakeKeycloakAdmin.of("DELETE", id).isEmpty());
    }

    @Test
    void chatReadsTheDeletedAccountsInOrderWithItsServiceRole() {
        String leaver = "leaver4";
        String id = Tokens.idOf(leaver);
        as(leaver).delete("/api/me").then().statusCode(204);
        problem(given().get("/internal/accounts/deleted").then(), 401);
        problem(as("someone4").get("/internal/accounts/deleted").then(), 403);
        JsonPath all = given().auth()
                .oauth2(Tokens.service("chat-service"))
                .get("/internal/accounts/deleted?size=500")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> users = all.getList("items.userId");
        assertTrue(users.contains(id));
        long seq = all.getLong("items.find { it.userId == '" + id + "' }.seq");
        given().auth()
                .oauth2(Tokens.service("chat-service"))
                .get("/internal/accounts/deleted?after=" + seq)
                .then()
                .statusCode(200)
                .body("items.userId", not(hasItem(id)));
        given().auth()
                .oauth2(Tokens.service("chat-service"))
                .get("/internal/accounts/deleted?after=" + (seq - 1) + "&size=1")
                .then()
                .body("items[0].userId", equalTo(id))
                .body("items[0].deletedAt", not(nullValue()));
    }

    @ParameterizedTest
    @CsvSource({"after=-1", "size=0", "size=501", "after=x", "size=1.5"})
    void badFeedParametersAre400(String query) {
        problem(
                given().auth()
                        .oauth2(Tokens.service("chat-service"))
                        .get("/internal/accounts/deleted?" + query)
                        .then(),
                400);
    }

    @Test
    void disableSetsEnabledFalseAndAnUnknownUserIsNoError() {
        String id = Tokens.idOf("suspended1");
        assertTrue(keycloak.disable(id));
        List<FakeKeycloakAdmin.Call> calls = FakeKeycloakAdmin.of("PUT", id);
        assertEquals(1, calls.size());
        assertEquals("{\"enabled\":false}", calls.get(0).body().toString());
        // a user Keycloak no longer has: nothing to disable or delete, and no error (idempotent)
        String gone = Tokens.idOf("gone1");
        FakeKeycloakAdmin.GONE.add(gone);
        assertFalse(keycloak.disable(gone));
        assertFalse(keycloak.delete(gone));
        // an id that is no Keycloak id never reaches a URL
        assertThrows(DeliveryRefused.class, () -> keycloak.disable("../clients"));
        assertThrows(DeliveryRefused.class, () -> keycloak.delete(""));
    }
}
