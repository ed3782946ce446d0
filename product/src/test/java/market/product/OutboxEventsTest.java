package market.product;

import static market.product.Api.as;
import static market.product.Api.create;
import static market.product.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import market.common.db.Db;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;

/** Events reach notify through the outbox, authenticated as product-service, once each, even across an outage. */
@QuarkusTest
class OutboxEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Db db;

    private static List<JsonNode> await(String user, String type, int count) {
        String id = Tokens.idOf(user);
        Api.await(
                count + " " + type + " event(s) for " + user,
                WAIT,
                () -> FakeNotify.to(id, type).size() >= count);
        return FakeNotify.to(id, type);
    }

    @Test
    void keywordMatchInTheWatchersRegionOnly() {
        String region = Api.uniqueRegion();
        json("kw-watcher")
                .body("{\"nickname\":\"watcher\",\"range\":0,\"regionCode\":\"" + region + "\"}")
                .put("/api/me")
                .then()
                .statusCode(200);
        json("kw-watcher")
                .body("{\"keyword\":\"자전거\"}")
                .post("/api/me/keywords")
                .then()
                .statusCode(201);
        json("kw-far")
                .body("{\"nickname\":\"far\",\"range\":0,\"regionCode\":\"" + Api.uniqueRegion() + "\"}")
                .put("/api/me")
                .then()
                .statusCode(200);
        json("kw-far")
                .body("{\"keyword\":\"자전거\"}")
                .post("/api/me/keywords")
                .then()
                .statusCode(201);

        create("kw-seller", "냉장고 팝니다", 1000, "APPLIANCES", region);
        long match = create("kw-seller", "삼천리 자전거 팝니다", 50000, "SPORTS", region);
        List<JsonNode> events = await("kw-watcher", "KEYWORD_MATCH", 1);
        JsonNode e = events.get(0);
        assertEquals(match, e.path("data").path("productId").asLong());
        assertEquals("자전거", e.path("data").path("keyword").asText());
        assertTrue(e.path("idempotencyKey").asText().startsWith("keyword:" + match));
        assertTrue(e.path("title").asText().contains("자전거"));
        assertEquals(
                "service-account-product-service",
                FakeNotify.RECEIVED.stream()
                        .filter(r -> r.event() == e)
                        .findFirst()
                        .orElseThrow()
                        .tokenUser());
        // the seller's own listings and other regions do not notify
        sleepAWhile();
        assertEquals(
                1, FakeNotify.to(Tokens.idOf("kw-watcher"), "KEYWORD_MATCH").size());
        assertEquals(0, FakeNotify.to(Tokens.idOf("kw-far"), "KEYWORD_MATCH").size());
    }

    @Test
    void commentLikeAndPriceDropNotifyTheRightPeople() {
        String region = Api.uniqueRegion();
        long id = create("ev-seller", "캠핑 의자", 30000, "SPORTS", region);
        as("ev-fan").put("/api/products/" + id + "/like").then().statusCode(204);
        as("ev-fan").delete("/api/products/" + id + "/like").then().statusCode(204);
        as("ev-fan").put("/api/products/" + id + "/like").then().statusCode(204);
        Api.problem(as("ev-seller").put("/api/products/" + id + "/like").then(), 422);
        json("ev-fan")
                .body("{\"content\":\"네고 되나요?\"}")
                .post("/api/products/" + id + "/comments")
                .then()
                .statusCode(201);
        json("ev-seller")
                .body("{\"content\":\"안돼요\"}")
                .post("/api/products/" + id + "/comments")
                .then()
                .statusCode(201);
        json("ev-seller")
                .body(Api.body("캠핑 의자", 25000, "SPORTS", region).replace("}", ",\"version\":0}"))
                .put("/api/products/" + id)
                .then()
                .statusCode(200);
        json("ev-seller")
                .body(Api.body("캠핑 의자", 26000, "SPORTS", region).replace("}", ",\"version\":1}"))
                .put("/api/products/" + id)
                .then()
                .statusCode(200);

        assertEquals(
                id,
                await("ev-seller", "LIKE", 1)
                        .get(0)
                        .path("data")
                        .path("productId")
                        .asLong());
        JsonNode comment = await("ev-seller", "COMMENT", 1).get(0);
        assertTrue(comment.path("body").asText().contains("네고 되나요?"));
        JsonNode drop = await("ev-fan", "PRICE_DROP", 1).get(0);
        assertEquals(25000, drop.path("data").path("price").asLong());
        assertEquals(30000, drop.path("data").path("oldPrice").asLong());
        sleepAWhile();
        assertEquals(1, FakeNotify.to(Tokens.idOf("ev-seller"), "LIKE").size(), "like twice = one event");
        long likeDeliveries = FakeNotify.RECEIVED.stream()
                .filter(r ->
                        r.event().path("idempotencyKey").asText().equals("like:" + id + ":" + Tokens.idOf("ev-fan")))
                .count();
        assertTrue(
                likeDeliveries >= 1 && likeDeliveries <= 2,
                "like, unlike, like again is sent once (a retry after" + " a timeout may repeat it): "
                        + likeDeliveries);
        assertEquals(1, FakeNotify.to(Tokens.idOf("ev-seller"), "COMMENT").size(), "own comment: no event");
        assertEquals(1, FakeNotify.to(Tokens.idOf("ev-fan"), "PRICE_DROP").size(), "a raise is no drop");
        assertEquals(0, FakeNotify.to(Tokens.idOf("ev-seller"), "PRICE_DROP").size());
    }

    @Test
    void reviewNotifiesTheOtherParty() {
        long id = create("evr-seller", Api.uniqueRegion());
        Api.chatted(id, "evr-buyer");
        json("evr-seller")
                .body("{\"status\":\"SOLD\",\"buyerId\":\"" + Tokens.idOf("evr-buyer") + "\"}")
                .patch("/api/products/" + id + "/status")
                .then()
                .statusCode(200);
        json("evr-buyer")
                .body("{\"rating\":\"GOOD\"}")
                .post("/api/products/" + id + "/reviews")
                .then()
                .statusCode(201);
        JsonNode e = await("evr-seller", "REVIEW", 1).get(0);
        assertEquals(id, e.path("data").path("productId").asLong());
    }

    @Test
    void notifyOutageLosesNothingAndDuplicatesNothing() {
        String region = Api.uniqueRegion();
        long id = create("down-seller", region);
        FakeNotify.down = true;
        try {
            int refusedBefore = FakeNotify.refused;
            for (int i = 0; i < 3; i++) {
                json("down-fan" + i)
                        .body("{\"content\":\"살게요 " + i + "\"}")
                        .post("/api/products/" + id + "/comments")
                        .then()
                        .statusCode(201);
            }
            Api.await("notify to be tried while down", WAIT, () -> FakeNotify.refused > refusedBefore + 3);
            assertEquals(0, FakeNotify.to(Tokens.idOf("down-seller"), "COMMENT").size());
            long pending = db.single(
                    "SELECT count(*) AS n FROM outbox_event WHERE recipient_id = ? AND attempts > 0",
                    r -> r.getLong("n"),
                    Tokens.idOf("down-seller"));
            assertTrue(pending > 0, "failed events stay in the outbox with their attempts counted");
        } finally {
            FakeNotify.down = false;
        }
        List<JsonNode> delivered = await("down-seller", "COMMENT", 3);
        sleepAWhile();
        delivered = FakeNotify.to(Tokens.idOf("down-seller"), "COMMENT");
        assertEquals(3, delivered.size());
        long left = db.single(
                "SELECT count(*) AS n FROM outbox_event WHERE recipient_id = ? AND delivered_at IS NULL",
                r -> r.getLong("n"),
                Tokens.idOf("down-seller"));
        assertEquals(0, left);
    }

    @Test
    void anEventNotifyRefusesForGoodIsSetAsideNotRetriedAndOthersFlow() {
        String region = Api.uniqueRegion();
        long refusedListing = create("dl-seller", region);
        long fineListing = create("dl-other", region);
        FakeNotify.rejectRecipient = Tokens.idOf("dl-seller");
        try {
            json("dl-fan")
                    .body("{\"content\":\"거절될 이벤트\"}")
                    .post("/api/products/" + refusedListing + "/comments")
                    .then()
                    .statusCode(201);
            json("dl-fan")
                    .body("{\"content\":\"정상 이벤트\"}")
                    .post("/api/products/" + fineListing + "/comments")
                    .then()
                    .statusCode(201);
            await("dl-other", "COMMENT", 1);
            Api.await("the refused event to be set aside", WAIT, () -> deadEvents("dl-seller") == 1);
            sleepAWhile();
            sleepAWhile();
            assertEquals(
                    1,
                    FakeNotify.REJECTED.stream()
                            .filter(e -> e.path("recipientId").asText().equals(Tokens.idOf("dl-seller")))
                            .count(),
                    "refused once, never retried (the relay runs every second in tests)");
            String error = db.single(
                    "SELECT last_error FROM outbox_event WHERE recipient_id = ? AND dead_at IS NOT NULL",
                    r -> r.string("last_error"),
                    Tokens.idOf("dl-seller"));
            assertTrue(error.contains("422"), error);
        } finally {
            FakeNotify.rejectRecipient = null;
        }
    }

    @Test
    void aBurstIsSentSeveralAtATimeAndEachEventOnce() {
        String recipient =
                Tokens.idOf("burst-" + java.util.UUID.randomUUID().toString().substring(0, 8));
        FakeNotify.MOST_AT_ONCE.set(0);
        FakeNotify.slowMillis = 20;
        try {
            // 500 events at once, as keyword alerts for a popular listing would queue them
            db.update("""
                    INSERT INTO outbox_event (idempotency_key, type, recipient_id, title, body, data)
                    SELECT CAST(? AS text) || '-' || g, 'KEYWORD_MATCH', ?, '키워드 알림', '자전거', '{"productId":1}'
                      FROM generate_series(1, 500) g""", recipient, recipient);
            Api.await(
                    "the burst to reach notify",
                    Duration.ofSeconds(60),
                    () -> FakeNotify.to(recipient, "KEYWORD_MATCH").size() == 500);
        } finally {
            FakeNotify.slowMillis = 0;
        }
        assertTrue(FakeNotify.MOST_AT_ONCE.get() > 1, "events sent in parallel, not one after another");
        assertEquals(
                500,
                FakeNotify.RECEIVED.stream()
                        .filter(r ->
                                recipient.equals(r.event().path("recipientId").asText()))
                        .count(),
                "each event sent once");
        // a round marks its events delivered once all of its calls are answered
        Api.await(
                "all marked delivered",
                WAIT,
                () -> db.single(
                                "SELECT count(*) AS n FROM outbox_event WHERE recipient_id = ? AND delivered_at IS NULL",
                                r -> r.getLong("n"),
                                recipient)
                        == 0);
    }

    private int deadEvents(String user) {
        return db.single(
                "SELECT count(*) AS n FROM outbox_event WHERE recipient_id = ? AND dead_at IS NOT NULL AND delivered_at IS NULL",
                r -> r.getInt("n"),
                Tokens.idOf(user));
    }

    private static void sleepAWhile() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
