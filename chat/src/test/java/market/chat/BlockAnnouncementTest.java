package market.chat;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import market.testing.Tokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * With blocks cached as in production (a long TTL), a block takes effect in chat as soon as product announces it on
 * Redis (market:blocks, "<userId> <otherId>"), not when the cached answer expires.
 */
@QuarkusTest
@TestProfile(BlockAnnouncementTest.CachedBlocks.class)
class BlockAnnouncementTest {

    public static class CachedBlocks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // both long: only the announcement can make the block take effect within the test
            return Map.of("market.chat.block-cache-ttl", "1h", "market.chat.block-cache-ttl-unheard", "1h");
        }
    }

    @Inject
    Redis redis;

    private static int send(String user, long roomId, String content) {
        return given().auth()
                .oauth2(Tokens.user(user))
                .contentType(ContentType.JSON)
                .body("{\"content\":\"" + content + "\"}")
                .post("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .extract()
                .statusCode();
    }

    @Test
    void aBlockProductAnnouncesTakesEffectAtOnce() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        org.junit.jupiter.api.Assertions.assertEquals(201, send(buyer, roomId, "안녕하세요"));
        FakeUpstreams.block(Tokens.idOf(seller), Tokens.idOf(buyer));
        org.junit.jupiter.api.Assertions.assertEquals(
                201, send(buyer, roomId, "아직 캐시"), "not announced: the cached answer (the TTL is an hour)");
        try {
            Awaitility.await("the announced block refuses the next send")
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        // announce as product does after its commit (again, until the subscription has it)
                        redis.send(Request.cmd(Command.PUBLISH)
                                        .arg("market:blocks")
                                        .arg(Tokens.idOf(seller) + " " + Tokens.idOf(buyer)))
                                .await()
                                .atMost(Duration.ofSeconds(5));
                        return send(buyer, roomId, "차단 후") == 403;
                    });
        } finally {
            FakeUpstreams.unblock(Tokens.idOf(seller), Tokens.idOf(buyer));
            redis.send(Request.cmd(Command.PUBLISH)
                            .arg("market:blocks")
                            .arg(Tokens.idOf(seller) + " " + Tokens.idOf(buyer)))
                    .await()
                    .atMost(Duration.ofSeconds(5));
        }
    }
}
