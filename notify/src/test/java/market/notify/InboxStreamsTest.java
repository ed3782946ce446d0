package market.notify;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Streams woken together are read together (one query for many streams): each still gets exactly its own
 * items and every notice, once, in id order; a long backlog comes in batches; and a wake-up announcement
 * that never arrives is made up for by the catch-up poll.
 */
@QuarkusTest
class InboxStreamsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/api/me/notifications/stream")
    URL streamUrl;

    @Inject
    AgroalDataSource dataSource;

    private Sse open(String user, String lastEventId) throws Exception {
        Sse sse = Sse.open(streamUrl.toString(), Tokens.user(user), lastEventId);
        assertEquals(200, sse.status);
        return sse;
    }

    private static JsonNode next(Sse sse) throws Exception {
        Sse.Event e = sse.next(WAIT);
        assertNotNull(e, "an event");
        JsonNode item = JSON.readTree(e.data());
        assertEquals(e.id(), item.path("id").asText());
        return item;
    }

    @Test
    void manyStreamsWokenTogetherEachGetTheirOwnItemsAndTheNoticeOnceInOrder() throws Exception {
        int users = 12;
        List<String> names = new ArrayList<>();
        Map<String, List<Sse>> streams = new LinkedHashMap<>();
        try {
            for (int u = 0; u < users; u++) {
                String name = Api.unique("many" + u);
                names.add(name);
                streams.put(name, List.of(open(name, null), open(name, null))); // two devices each
            }
            Thread.sleep(500);
            // personal items for every other user, then a notice for everyone, then more personal items
            for (int u = 0; u < users; u += 2) {
                Api.event(Api.unique("k"), "COMMENT", names.get(u), "first " + u, "x")
                        .statusCode(202);
            }
            long noticeId = given().auth()
                    .oauth2(Tokens.admin("many-admin"))
                    .contentType(ContentType.JSON)
                    .body("{\"type\":\"NOTICE\",\"title\":\"모두에게\",\"body\":\"본문\"}")
                    .post("/api/admin/notices")
                    .then()
                    .statusCode(202)
                    .extract()
                    .jsonPath()
                    .getLong("id");
            for (int u = 0; u < users; u += 3) {
                Api.event(Api.unique("k"), "LIKE", names.get(u), "second " + u, "x")
                        .statusCode(202);
            }
            for (int u = 0; u < users; u++) {
                List<String> expected = new ArrayList<>();
                if (u % 2 == 0) {
                    expected.add("first " + u);
                }
                expected.add("모두에게");
                if (u % 3 == 0) {
                    expected.add("second " + u);
                }
                for (Sse sse : streams.get(names.get(u))) {
                    List<String> got = new ArrayList<>();
                    long lastId = 0;
                    for (int i = 0; i < expected.size(); i++) {
                        JsonNode item = next(sse);
                        long id = item.path("id").asLong();
                        assertEquals(true, id > lastId, "ascending ids");
                        lastId = id;
                        got.add(item.path("title").asText());
                        if (item.path("type").asText().equals("NOTICE")) {
                            assertEquals(
                                    Long.toString(noticeId),
                                    item.path("data").path("noticeId").asText());
                        }
                    }
                    // the notice and the personal items may interleave by commit order; each exactly once
                    assertEquals(
                            expected.stream().sorted().toList(),
                            got.stream().sorted().toList(),
                            names.get(u));
                    assertNull(sse.next(Duration.ofMillis(200)), "nothing twice, nothing of another user");
                }
            }
        } finally {
            for (List<Sse> list : streams.values()) {
                for (Sse sse : list) {
                    sse.close();
                }
            }
        }
    }

    @Test
    void aBacklogLongerThanOneReadComesInOrderAfterLastEventId() throws Exception {
        String user = Api.unique("backlog");
        long from = insert(user, "before", 1);
        insert(user, "backlog", 250); // more than one read (InboxStreams.BATCH) of the stream
        try (Sse sse = open(user, Long.toString(from))) {
            long lastId = from;
            for (int i = 0; i < 250; i++) {
                JsonNode item = next(sse);
                assertEquals("backlog " + i, item.path("title").asText());
                long id = item.path("id").asLong();
                assertEquals(true, id > lastId, "ascending ids");
                lastId = id;
            }
            Api.event(Api.unique("k"), "LIKE", user, "live", "x").statusCode(202);
            assertEquals("live", next(sse).path("title").asText());
            assertNull(sse.next(Duration.ofMillis(300)), "nothing twice");
        }
    }

    @Test
    void anItemWhoseWakeUpWasLostStillArrivesThroughTheCatchUpPoll() throws Exception {
        String user = Api.unique("lost");
        try (Sse sse = open(user, null)) {
            Thread.sleep(500);
            // committed by "another replica" that stopped before announcing it: no NOTIFY, no local wake-up
            insert(user, "unannounced", 1);
            JsonNode item = next(sse); // catch-up-every is 1 s in tests
            assertEquals("unannounced 0", item.path("title").asText());
            assertNull(sse.next(Duration.ofMillis(300)), "nothing twice");
        }
    }

    /** {@code n} personal items "title i" added the way another replica would, without any wake-up; the last id. */
    private long insert(String user, String title, int n) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return insert(c, user, title, n);
        }
    }

    private static long insert(Connection c, String user, String title, int n) throws Exception {
        long last = 0;
        try (PreparedStatement ins = c.prepareStatement("""
                INSERT INTO notification (user_id, type, title, body, created_at)
                VALUES (?, 'LIKE', ?, 'x', now()) RETURNING id""")) {
            for (int i = 0; i < n; i++) {
                ins.setString(1, Tokens.idOf(user));
                ins.setString(2, n == 1 && title.equals("before") ? title : title + " " + i);
                try (var rs = ins.executeQuery()) {
                    rs.next();
                    last = rs.getLong(1);
                }
            }
        }
        return last;
    }
}
