package market.notify;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import market.common.db.Db;
import org.junit.jupiter.api.Test;

/**
 * Personal pushes at volume through the real relay and the real SDK against the fake FCM: many recipients in
 * many rounds (the test profile takes 100 rows per round and lets 500 messages be in flight), a user with more
 * devices than one FCM call takes, dead tokens among many, and an FCM that fails part of the time or all of it.
 * Rows and devices are written with SQL, as the outbox holds them once the events were accepted.
 */
@QuarkusTest
class PushRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Db db;

    @Test
    void manyRecipientsEachGetTheirPushExactlyOnce() {
        String run = Api.unique("many");
        devices(run, 1200, 2);
        pushes(run, 1200);

        awaitAllDone(run, 1200);
        Map<String, Integer> delivered = deliveredByToken(run);
        assertEquals(2400, delivered.size(), "every device of every recipient");
        assertTrue(delivered.values().stream().allMatch(n -> n == 1), "no device got it twice");
    }

    @Test
    void aUserWithMoreDevicesThanOneFcmCallTakesGetsThemAll() {
        String run = Api.unique("big");
        devices(run, 1, 1100);
        pushes(run, 1);

        awaitAllDone(run, 1);
        Map<String, Integer> delivered = deliveredByToken(run);
        assertEquals(1100, delivered.size());
        assertTrue(delivered.values().stream().allMatch(n -> n == 1));
    }

    @Test
    void deadTokensAmongManyAreForgottenAndTheRestDelivered() {
        String run = Api.unique("dead");
        devices(run, 300, 2);
        // the second device of every third user was uninstalled
        for (int u = 0; u < 300; u += 3) {
            Fcm.unregister(token(run, u, 1));
        }
        pushes(run, 300);

        awaitAllDone(run, 300);
        Map<String, Integer> delivered = deliveredByToken(run);
        assertEquals(600 - 100, delivered.size());
        assertEquals(500L, count("device WHERE user_id LIKE ?", run));
        assertEquals(0L, count("push_outbox WHERE user_id LIKE ? AND status <> 'DONE'", run));
    }

    @Test
    void anFcmFailingPartOfTheTimeDelaysSomeButLosesAndRepeatsNothing() {
        String run = Api.unique("flaky");
        devices(run, 600, 2);
        Fcm.failNext(300, 500);
        try {
            pushes(run, 600);
            awaitAllDone(run, 600);
        } finally {
            Fcm.failNext(0);
        }
        Map<String, Integer> delivered = deliveredByToken(run);
        assertEquals(1200, delivered.size(), "every device got it in the end");
        assertTrue(delivered.values().stream().allMatch(n -> n == 1), "a device that got it is not sent it again");
        assertTrue(
                count("push_outbox WHERE user_id LIKE ? AND attempts > 1", run) > 0,
                "rows with failed devices were tried again");
    }

    @Test
    void anFcmOutageKeepsEveryRowPendingUntilFcmIsBack() {
        String run = Api.unique("outage");
        devices(run, 400, 1);
        Fcm.failNext(1_000_000, 500);
        try {
            pushes(run, 400);
            // every row was tried and failed at least once, and none was given up or lost
            await().atMost(WAIT)
                    .until(() ->
                            count("push_outbox WHERE user_id LIKE ? AND attempts >= 2" + " AND status = 'PENDING'", run)
                                    == 400);
            assertTrue(deliveredByToken(run).isEmpty());
        } finally {
            Fcm.failNext(0);
        }
        awaitAllDone(run, 400);
        Map<String, Integer> delivered = deliveredByToken(run);
        assertEquals(400, delivered.size());
        assertTrue(delivered.values().stream().allMatch(n -> n == 1));
    }

    /** count(*) of {@code from} (a table and a condition on the run's users, {@code user_id LIKE ?}). */
    private long count(String from, String run) {
        Long n = db.single("SELECT count(*) AS n FROM " + from, r -> r.getLong("n"), run + "-%");
        return n;
    }

    private void devices(String run, int users, int perUser) {
        db.update("""
                INSERT INTO device (token, user_id, platform, created_at, updated_at)
                SELECT CAST(? AS text) || '-' || u || '-' || d || ':APA91b', CAST(? AS text) || '-' || u, 'ANDROID', now(), now()
                  FROM generate_series(0, CAST(? AS int) - 1) u, generate_series(0, CAST(? AS int) - 1) d""", run, run, users, perUser);
    }

    private static String token(String run, int user, int device) {
        return run + "-" + user + "-" + device + ":APA91b";
    }

    private void pushes(String run, int users) {
        db.update("""
                INSERT INTO push_outbox (kind, user_id, title, body, data, next_attempt_at, created_at)
                SELECT 'USER', CAST(? AS text) || '-' || u, '새 소식', 'x', '{"type":"COMMENT"}', now(), now()
                  FROM generate_series(0, CAST(? AS int) - 1) u""", run, users);
    }

    private void awaitAllDone(String run, int rows) {
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(300))
                .until(() -> count("push_outbox WHERE user_id LIKE ? AND status = 'DONE'", run) == rows);
    }

    /** Accepted sends per token of this run. */
    private static Map<String, Integer> deliveredByToken(String run) {
        Map<String, Integer> counts = new HashMap<>();
        List<JsonNode> all = Fcm.requests();
        for (JsonNode r : all) {
            String token = r.path("message").path("token").asText("");
            if (token.startsWith(run + "-") && r.path("status").asInt() == 200) {
                counts.merge(token, 1, Integer::sum);
            }
        }
        return counts;
    }
}
