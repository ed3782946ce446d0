package market.chat;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import market.chat.service.Fanout;
import market.testing.RedisResource;
import market.testing.Tokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Frames reach a replica only where its users' presence says (Fanout's routing script), and a restarted Redis has
 * lost every presence entry. With a presence heartbeat as slow as production's (every 20 s here), the replica must
 * write its users' presence again as soon as it is subscribed again, before it tells them to resync — not at its
 * next heartbeat, which would leave them unreachable from the other replicas until then.
 */
@QuarkusTest
@TestProfile(PresenceAfterRedisRestartTest.SlowHeartbeat.class)
class PresenceAfterRedisRestartTest {

    public static class SlowHeartbeat implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("market.chat.presence-ttl", "60s");
        }
    }

    @Inject
    Vertx vertx;

    @Inject
    Redis redis;

    @Inject
    Fanout fanout;

    @TestHTTPResource("/")
    URL base;

    @Test
    void presenceIsWrittenAgainBeforeTheResync() throws Exception {
        String seller = Fixtures.user("seller");
        String id = Tokens.idOf(seller);
        try (WsClient s = WsClient.withHeader(vertx, base.getPort(), Tokens.user(seller))) {
            Awaitility.await("presence written on connect")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> RedisProbe.presence(redis, id, fanout.instanceId()) != null);
            RedisResource.stopServer();
            RedisResource.startServer();
            s.next("resync");
            assertNotNull(
                    RedisProbe.presence(redis, id, fanout.instanceId()),
                    "presence is back when the resync arrives, long before the next heartbeat");
        }
    }
}
