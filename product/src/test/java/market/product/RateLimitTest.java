package market.product;

import static market.product.Api.as;
import static market.product.Api.create;
import static market.product.Api.json;
import static market.product.Api.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import market.common.limits.Action;
import market.common.limits.RateLimitConfig;
import market.common.limits.RateLimiter;
import market.testing.RedisResource;
import market.testing.TestImages;
import market.testing.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Every rate-limited use case with a limit of 2 an hour: the third call is 429 problem+json with a Retry-After and
 * changes nothing; the count is shared through Redis (another replica's calls count); Redis down means allowed.
 */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimits.class)
class RateLimitTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            var overrides = new java.util.HashMap<String, String>();
            // a loaded test machine must not turn a slow answer into "allowed" (fail open)
            overrides.put("market.rate-limit.timeout", "10s");
            for (String action : new String[] {"listing", "comment", "upload", "review", "keyword", "report"}) {
                overrides.put("market.rate-limit.actions." + action + ".limit", "2");
                overrides.put("market.rate-limit.actions." + action + ".period", "1h");
            }
            return overrides;
        }
    }

    @Inject
    RateLimitConfig config;

    @Inject
    Vertx vertx;

    @Inject
    market.common.db.Db db;

    private static String user() {
        return "rl-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aThirdListingWithinTheHourIs429AndNotCreated() {
        String seller = user();
        String region = Api.uniqueRegion();
        create(seller, region);
        create(seller, region);
        assertLimited(
                json(seller)
                        .body(Api.body("세 번째", 1000, "DIGITAL", region))
                        .post("/api/products")
                        .then()
                        .extract(),
                3600);
        as(seller).get("/api/me/products").then().statusCode(200).body("items.size()", equalTo(2));
        // Per user: someone else still lists.
        create(user(), region);
    }

    @Test
    void aThirdCommentIs429AndNotStored() {
        long id = create(user(), Api.uniqueRegion());
        String commenter = user();
        for (int i = 0; i < 2; i++) {
            json(commenter)
                    .body("{\"content\":\"댓글 " + i + "\"}")
                    .post("/api/products/" + id + "/comments")
                    .then()
                    .statusCode(201);
        }
        assertLimited(
                json(commenter)
                        .body("{\"content\":\"세 번째 댓글\"}")
                        .post("/api/products/" + id + "/comments")
                        .then()
                        .extract(),
                3600);
        as(commenter)
                .get("/api/products/" + id + "/comments")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(2));
    }

    @Test
    void aThirdUploadIs429AndStoresNoPhoto() {
        String seller = user();
        long id = create(seller, Api.uniqueRegion());
        for (int i = 0; i < 2; i++) {
            upload(seller, id).then().statusCode(201);
        }
        assertLimited(upload(seller, id).then().extract(), 3600);
        as(seller).get("/api/products/" + id).then().statusCode(200).body("images.size()", equalTo(2));
    }

    @Test
    void aThirdReportWithinTheHourIs429AndNotStored() {
        String reporter = user();
        String region = Api.uniqueRegion();
        for (int i = 0; i < 2; i++) {
            json(reporter)
                    .body("{\"targetType\":\"LISTING\",\"targetId\":\"" + create(user(), region)
                            + "\",\"reason\":\"SPAM\"}")
                    .post("/api/reports")
                    .then()
                    .statusCode(201);
        }
        long third = create(user(), region);
        assertLimited(
                json(reporter)
                        .body("{\"targetType\":\"LISTING\",\"targetId\":\"" + third + "\",\"reason\":\"SPAM\"}")
                        .post("/api/reports")
                        .then()
                        .extract(),
                3600);
        assertEquals(2L, (long) db.single(
                "SELECT count(*) AS n FROM report WHERE reporter_id = ?",
                r -> r.getLong("n"),
                market.testing.Tokens.idOf(reporter)));
    }

    @Test
    void aThirdKeywordIs429AndNotAdded() {
        String u = user();
        for (int i = 0; i < 2; i++) {
            json(u).body("{\"keyword\":\"자전거" + i + "\"}")
                    .post("/api/me/keywords")
                    .then()
                    .statusCode(201);
        }
        assertLimited(
                json(u).body("{\"keyword\":\"킥보드\"}")
                        .post("/api/me/keywords")
                        .then()
                        .extract(),
                3600);
        as(u).get("/api/me/keywords").then().statusCode(200).body("items.size()", equalTo(2));
    }

    @Test
    void reviewAttemptsCountAndTheThirdIs429BeforeAnyRuleIsChecked() {
        String seller = user();
        long id = create(seller, Api.uniqueRegion());
        String body = "{\"rating\":\"GREAT\",\"comment\":\"좋아요\"}";
        // Not sold yet: refused by the rules, but each attempt counts (probing is what the limit is for).
        for (int i = 0; i < 2; i++) {
            problem(
                    json(seller)
                            .body(body)
                            .post("/api/products/" + id + "/reviews")
                            .then(),
                    422);
        }
        assertLimited(
                json(seller)
                        .body(body)
                        .post("/api/products/" + id + "/reviews")
                        .then()
                        .extract(),
                3600);
    }

    @Test
    void callsOfAnotherReplicaCountAgainstTheSameLimit() {
        String seller = user();
        String host = ConfigProvider.getConfig().getValue("quarkus.redis.hosts", String.class);
        // Another replica: its own Redis client and its own limiter, sharing only Redis.
        Redis other = Redis.createClient(vertx, host);
        try {
            RateLimiter replica = new RateLimiter(other::send, patient(config));
            assertTrue(replica.acquire(Action.LISTING, Tokens.idOf(seller)).allowed());
            assertTrue(replica.acquire(Action.LISTING, Tokens.idOf(seller)).allowed());
            RateLimiter.Decision third = replica.acquire(Action.LISTING, Tokens.idOf(seller));
            assertFalse(third.allowed(), "the other replica's own third call is refused");
        } finally {
            other.close();
        }
        String region = Api.uniqueRegion();
        assertLimited(
                json(seller)
                        .body(Api.body("다른 서버에서 이미 두 개", 1000, "DIGITAL", region))
                        .post("/api/products")
                        .then()
                        .extract(),
                3600);
        as(seller).get("/api/me/products").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void withRedisDownWritesAreAllowedNotRefusedOrFailed() {
        String seller = user();
        String region = Api.uniqueRegion();
        RedisResource.stopServer();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                create(seller, region);
            }
            String commenter = user();
            long id = create(user(), region);
            for (int i = 0; i < 3; i++) {
                json(commenter)
                        .body("{\"content\":\"redis 없음 " + i + "\"}")
                        .post("/api/products/" + id + "/comments")
                        .then()
                        .statusCode(201);
            }
            assertTrue(
                    java.time.Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30,
                    "no request waited long for Redis");
        } finally {
            RedisResource.startServer();
        }
        as(seller).get("/api/me/products").then().statusCode(200).body("items.size()", equalTo(3));
        // Enforced again once Redis is back (the pool may need a call or two to replace its broken connections).
        String later = user();
        Supplier<Integer> next = () -> json(later)
                .body(Api.body("복구 후", 1000, "DIGITAL", region))
                .post("/api/products")
                .then()
                .extract()
                .statusCode();
        int status = 201;
        for (int i = 0; i < 20 && status == 201; i++) {
            status = next.get();
        }
        assertEquals(429, status, "limits apply again after Redis returned");
    }

    private static Response upload(String user, long productId) {
        byte[] png = TestImages.encode(TestImages.picture(64, 48, BufferedImage.TYPE_INT_RGB), "png");
        return as(user).multiPart("files", "p.png", png, "image/png").post("/api/products/" + productId + "/images");
    }

    private static void assertLimited(ExtractableResponse<Response> r, long maxWaitSeconds) {
        assertEquals(429, r.statusCode(), r.body().asString());
        assertEquals("application/problem+json", r.contentType());
        assertEquals(429, (int) r.path("status"));
        long retryAfter = Long.parseLong(r.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= maxWaitSeconds, "Retry-After " + retryAfter);
    }

    /** The same limits with a generous timeout: a loaded test machine must not turn a slow answer into "allowed". */
    static RateLimitConfig patient(RateLimitConfig config) {
        return new RateLimitConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public java.time.Duration timeout() {
                return java.time.Duration.ofSeconds(10);
            }

            @Override
            public java.time.Duration warnEvery() {
                return config.warnEvery();
            }

            @Override
            public Map<String, ActionLimit> actions() {
                return config.actions();
            }
        };
    }
}
