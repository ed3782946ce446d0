package market.product;

import static io.restassured.RestAssured.given;
import static market.product.Api.as;
import static market.product.Api.create;
import static market.product.Api.json;
import static market.product.Api.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** 차단: /api/me/blocks, and what a block hides both ways (feed, search, a seller's list, detail, comments). */
@QuarkusTest
class BlockApiTest {

    @Inject
    Redis redis;

    @Inject
    market.product.service.BlockService blocks;

    private static String profiled(String username) {
        as(username).get("/api/me").then().statusCode(200);
        return Tokens.idOf(username);
    }

    private static int block(String who, String userId) {
        return json(who)
                .body("{\"userId\":\"" + userId + "\"}")
                .post("/api/me/blocks")
                .then()
                .extract()
                .statusCode();
    }

    private static List<Integer> feedIds(String viewer, String region, String q, String sellerId) {
        var r = viewer == null ? given() : as(viewer);
        r = r.queryParam("regionCode", region).queryParam("range", 0);
        if (q != null) {
            r = r.queryParam("q", q);
        }
        if (sellerId != null) {
            r = r.queryParam("sellerId", sellerId);
        }
        return r.get("/api/products").then().statusCode(200).extract().path("items.id");
    }

    @Test
    void aBlockHidesListingsDetailAndCommentsBothWaysUntilUnblocked() {
        String region = Api.uniqueRegion();
        String blocker = profiled("bk-blocker");
        String blocked = profiled("bk-blocked");
        profiled("bk-third");
        long blockersListing = create("bk-blocker", "차단한 사람의 자전거", 1000, "SPORTS", region);
        long blockedsListing = create("bk-blocked", "차단된 사람의 자전거", 1000, "SPORTS", region);
        long thirdsListing = create("bk-third", "제3자의 자전거", 1000, "SPORTS", region);
        long blockedComment = ((Number) json("bk-blocked")
                        .body("{\"content\":\"저도 관심 있어요\"}")
                        .post("/api/products/" + thirdsListing + "/comments")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();

        assertEquals(201, block("bk-blocker", blocked));

        for (String[] pair : new String[][] {{"bk-blocker", "bk-blocked"}, {"bk-blocked", "bk-blocker"}}) {
            String viewer = pair[0];
            long hidden = viewer.equals("bk-blocker") ? blockedsListing : blockersListing;
            long own = viewer.equals("bk-blocker") ? blockersListing : blockedsListing;
            String hiddenSeller = viewer.equals("bk-blocker") ? blocked : blocker;
            List<Integer> feed = feedIds(viewer, region, null, null);
            assertTrue(feed.contains((int) own) && feed.contains((int) thirdsListing), viewer + " sees " + feed);
            assertTrue(!feed.contains((int) hidden), viewer + " must not see " + hidden + " in " + feed);
            assertTrue(!feedIds(viewer, region, "자전거", null).contains((int) hidden), "search");
            assertTrue(feedIds(viewer, region, null, hiddenSeller).isEmpty(), "the seller's list");
            problem(as(viewer).get("/api/products/" + hidden).then(), 404);
            problem(as(viewer).get("/api/products/" + hidden + "/comments").then(), 404);
            problem(
                    json(viewer)
                            .body("{\"content\":\"안녕하세요\"}")
                            .post("/api/products/" + hidden + "/comments")
                            .then(),
                    404);
        }
        // the blocked user's comment on a third party's listing is hidden from the blocker only
        as("bk-blocker")
                .get("/api/products/" + thirdsListing + "/comments")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem((int) blockedComment)));
        as("bk-third")
                .get("/api/products/" + thirdsListing + "/comments")
                .then()
                .body("items.id", hasItem((int) blockedComment));
        given().get("/api/products/" + thirdsListing + "/comments").then().body("items.id", hasItem((int)
                blockedComment));
        // everyone else still sees both
        List<Integer> anonymous = feedIds(null, region, null, null);
        assertTrue(anonymous.containsAll(List.of((int) blockersListing, (int) blockedsListing)), anonymous.toString());
        assertTrue(feedIds("bk-third", region, null, null).contains((int) blockedsListing));
        given().get("/api/products/" + blockedsListing).then().statusCode(200);

        as("bk-blocker").delete("/api/me/blocks/" + blocked).then().statusCode(204);
        as("bk-blocker").delete("/api/me/blocks/" + blocked).then().statusCode(204);
        assertTrue(feedIds("bk-blocker", region, null, null).contains((int) blockedsListing));
        as("bk-blocked").get("/api/products/" + blockersListing).then().statusCode(200);
        as("bk-blocker")
                .get("/api/products/" + thirdsListing + "/comments")
                .then()
                .body("items.id", hasItem((int) blockedComment));
    }

    @Test
    void blocksAreListedPagedAndIdempotent() {
        String a = profiled("bl-a");
        String b = profiled("bl-b");
        String c = profiled("bl-c");
        assertEquals(201, block("bl-owner", b));
        assertEquals(200, block("bl-owner", b));
        assertEquals(201, block("bl-owner", c));
        String cursor = as("bl-owner")
                .queryParam("size", 1)
                .get("/api/me/blocks")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].userId", equalTo(c))
                .body("items[0].nickname", equalTo("bl-c"))
                .extract()
                .path("nextCursor");
        as("bl-owner")
                .queryParam("size", 1)
                .queryParam("cursor", cursor)
                .get("/api/me/blocks")
                .then()
                .body("items[0].userId", equalTo(b))
                .body("nextCursor", equalTo(null));
        as("bl-owner").get("/api/me/blocks/" + b).then().statusCode(200).body("userId", equalTo(b));
        problem(as("bl-owner").get("/api/me/blocks/" + a).then(), 404);
        // another user's blocks are theirs: b sees none of the owner's
        as("bl-b").get("/api/me/blocks").then().body("items.size()", equalTo(0));
        problem(as("bl-owner").queryParam("cursor", "%%%").get("/api/me/blocks").then(), 400);
    }

    @Test
    void anonymousCallsAre401() {
        given().get("/api/me/blocks").then().statusCode(401);
        given().contentType("application/json")
                .body("{\"userId\":\"x\"}")
                .post("/api/me/blocks")
                .then()
                .statusCode(401);
        given().delete("/api/me/blocks/x").then().statusCode(401);
        given().get("/internal/users/x/blocks").then().statusCode(401);
        as("bk-user").get("/internal/users/x/blocks").then().statusCode(403);
    }

    @Test
    void chatAsksWhoIsInABlockEitherWay() {
        String x = profiled("bi-x");
        String y = profiled("bi-y");
        String z = profiled("bi-z");
        block("bi-x", y);
        block("bi-z", x);
        List<String> parties = given().auth()
                .oauth2(Tokens.service("chat-service"))
                .get("/internal/users/" + x + "/blocks")
                .then()
                .statusCode(200)
                .extract()
                .path("userIds");
        assertEquals(
                List.of(y, z).stream().sorted().toList(),
                parties.stream().sorted().toList());
    }

    /**
     * Chat is told of every change once it is committed (Redis, market:blocks): when the announcement arrives, the
     * internal answer already shows it — an announcement before the commit would make chat cache the old answer.
     */
    @Test
    void chatIsToldOfEachBlockAndUnblockAfterItsCommit() throws Exception {
        String a = profiled("be-a");
        String b = profiled("be-b");
        RedisConnection sub = redis.connect().await().atMost(Duration.ofSeconds(5));
        LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
        ExecutorService check = Executors.newSingleThreadExecutor();
        try {
            sub.handler(push -> {
                if (push.size() >= 3 && "message".equals(push.get(0).toString())) {
                    String payload = push.get(2).toString();
                    // what chat would read at that moment (the store's own query, off this event loop thread)
                    boolean blocked;
                    try {
                        blocked = check.submit(() -> blocks.partiesOf(a).contains(b))
                                .get(5, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        seen.add(payload + " -> " + e);
                        return;
                    }
                    seen.add(payload + " -> " + blocked);
                }
            });
            sub.send(Request.cmd(Command.SUBSCRIBE).arg("market:blocks"))
                    .await()
                    .atMost(Duration.ofSeconds(5));

            assertEquals(201, block("be-a", b));
            assertEquals(a + " " + b + " -> true", seen.poll(10, TimeUnit.SECONDS));
            assertEquals(200, block("be-a", b), "an existing block changes nothing");
            as("be-a").delete("/api/me/blocks/" + b).then().statusCode(204);
            assertEquals(a + " " + b + " -> false", seen.poll(10, TimeUnit.SECONDS));
            assertEquals(null, seen.poll(300, TimeUnit.MILLISECONDS), "one announcement per change");
        } finally {
            sub.closeAndForget();
            check.shutdownNow();
        }
    }

    static Stream<Arguments> badBlocks() {
        return Stream.of(
                Arguments.of("empty body", "{}", 400),
                Arguments.of("blank id", "{\"userId\":\"  \"}", 400),
                Arguments.of("empty id", "{\"userId\":\"\"}", 400),
                Arguments.of("id as a number", "{\"userId\":123}", 400),
                Arguments.of("unknown user", "{\"userId\":\"no-such-user\"}", 400),
                Arguments.of("id too long", "{\"userId\":\"" + "x".repeat(65) + "\"}", 400),
                Arguments.of("unknown field", "{\"userId\":\"" + Tokens.idOf("bb-target") + "\",\"why\":1}", 400),
                Arguments.of("malformed JSON", "{\"userId\":", 400),
                Arguments.of("myself", "{\"userId\":\"" + Tokens.idOf("bb-self") + "\"}", 422));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBlocks")
    void badBlocksAreRefusedAndStoreNothing(String name, String body, int status) {
        profiled("bb-target");
        profiled("bb-self");
        problem(json("bb-self").body(body).post("/api/me/blocks").then(), status);
        as("bb-self").get("/api/me/blocks").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void twoBlocksAtOnceMakeOne() throws Exception {
        String target = profiled("bc-target");
        profiled("bc-owner");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Integer> call = () -> block("bc-owner", target);
                results.add(pool.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(3, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        } finally {
            pool.shutdown();
        }
        as("bc-owner").get("/api/me/blocks").then().body("items.size()", equalTo(1));
    }
}
