package market.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class InboxApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/me/notifications/stream")
    URL streamUrl;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void inboxListsNewestFirstWithUnreadCountAndPages() {
        String user = Api.unique("inbox");
        for (int i = 1; i <= 3; i++) {
            Api.event(Api.unique("k"), "COMMENT", user, "댓글 " + i, "새 댓글이 달렸어요").statusCode(202);
        }
        long newest = Api.inbox(user)
                .body("unreadCount", equalTo(3))
                .body("items.title", contains("댓글 3", "댓글 2", "댓글 1"))
                .body("items[0].type", equalTo("COMMENT"))
                .body("items[0].data.productId", equalTo("42"))
                .body("items[0].read", equalTo(false))
                .body("items[0].createdAt", notNullValue())
                .body("nextCursor", nullValue())
                .extract()
                .jsonPath()
                .getLong("items[0].id");

        String cursor = given().auth()
                .oauth2(Tokens.user(user))
                .queryParam("size", 2)
                .get("/api/me/notifications")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .extract()
                .path("nextCursor");
        given().auth()
                .oauth2(Tokens.user(user))
                .queryParam("size", 2)
                .queryParam("cursor", cursor)
                .get("/api/me/notifications")
                .then()
                .statusCode(200)
                .body("items.title", contains("댓글 1"))
                .body("nextCursor", nullValue());

        long middle = newest - 1;
        given().auth()
                .oauth2(Tokens.user(user))
                .contentType(ContentType.JSON)
                .body("{\"upToId\":" + middle + "}")
                .post("/api/me/notifications/read")
                .then()
                .statusCode(200)
                .body("unreadCount", equalTo(1));
        Api.inbox(user).body("items.read", contains(false, true, true));
    }

    @Test
    void someoneElsesInboxIsNeverTouched() {
        String owner = Api.unique("owner");
        String other = Api.unique("other");
        Api.event(Api.unique("k"), "LIKE", owner, "관심", "누군가 관심을 표시했어요").statusCode(202);
        long id = Api.inbox(owner).extract().jsonPath().getLong("items[0].id");
        given().auth()
                .oauth2(Tokens.user(other))
                .contentType(ContentType.JSON)
                .body("{\"upToId\":" + id + "}")
                .post("/api/me/notifications/read")
                .then()
                .statusCode(200)
                .body("unreadCount", equalTo(0));
        Api.inbox(other).body("items", hasSize(0));
        Api.inbox(owner).body("unreadCount", equalTo(1));
    }

    /** One bad request about the inbox of the user whose token is given (they have one unread item). */
    interface BadInboxRequest {
        void send(String token);
    }

    /** A mark-read body the API refuses with a 400 problem. */
    static Arguments badRead(String name, String body) {
        return Arguments.of(name, (BadInboxRequest) token -> given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/me/notifications/read")
                .then()
                .statusCode(400)
                .contentType("application/problem+json"));
    }

    static Stream<Arguments> badInboxRequests() {
        return Stream.of(
                badRead("malformed JSON", "{"),
                badRead("empty object", "{}"),
                badRead("upToId 0", "{\"upToId\":0}"),
                badRead("negative upToId", "{\"upToId\":-5}"),
                badRead("upToId is a quoted number", "{\"upToId\":\"12\"}"),
                badRead("upToId is text", "{\"upToId\":\"abc\"}"),
                badRead("unknown field all", "{\"upToId\":1,\"all\":true}"),
                badRead("a JSON array", "[]"),
                badRead("null", "null"),
                Arguments.of("malformed cursor", (BadInboxRequest) token -> given().auth()
                        .oauth2(token)
                        .queryParam("cursor", "not-a-cursor!")
                        .get("/api/me/notifications")
                        .then()
                        .statusCode(400)
                        .contentType("application/problem+json")),
                Arguments.of("size=101", (BadInboxRequest) token -> given().auth()
                        .oauth2(token)
                        .queryParam("size", 101)
                        .get("/api/me/notifications")
                        .then()
                        .statusCode(400)),
                Arguments.of("size=x", (BadInboxRequest) token -> given().auth()
                        .oauth2(token)
                        .queryParam("size", "x")
                        .get("/api/me/notifications")
                        .then()
                        .statusCode(400)),
                Arguments.of("list without a token", (BadInboxRequest) token -> given().get("/api/me/notifications")
                        .then()
                        .statusCode(401)
                        .contentType("application/problem+json")),
                Arguments.of(
                        "mark read without a token", (BadInboxRequest) token -> given().contentType(ContentType.JSON)
                                .body("{\"upToId\":1}")
                                .post("/api/me/notifications/read")
                                .then()
                                .statusCode(401)),
                Arguments.of("a service account", (BadInboxRequest) token -> given().auth()
                        .oauth2(Tokens.service("chat-service"))
                        .get("/api/me/notifications")
                        .then()
                        .statusCode(403)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInboxRequests")
    void badInboxRequestsAreRejected(String name, BadInboxRequest bad) {
        String user = Api.unique("inbox-bad");
        Api.event(Api.unique("k"), "LIKE", user, "관심", "x").statusCode(202);
        bad.send(Tokens.user(user));
        Api.inbox(user).body("unreadCount", equalTo(1));
    }

    @Test
    void streamDeliversLiveAndReplaysWhatWasMissedAfterReconnect() throws Exception {
        String user = Api.unique("sse");
        String token = Tokens.user(user);
        Api.event(Api.unique("k"), "COMMENT", user, "before", "not replayed without Last-Event-ID")
                .statusCode(202);

        long firstId;
        try (Sse sse = Sse.open(streamUrl.toString(), token, null)) {
            assertEquals(200, sse.status);
            assertTrue(sse.contentType.startsWith("text/event-stream"), sse.contentType);
            Thread.sleep(300);
            Api.event(Api.unique("k"), "COMMENT", user, "live", "바로 와요").statusCode(202);
            Sse.Event e = sse.next(Duration.ofSeconds(10));
            assertNotNull(e, "a live event");
            assertEquals("notification", e.name());
            JsonNode item = JSON.readTree(e.data());
            assertEquals("live", item.path("title").asText());
            assertEquals("COMMENT", item.path("type").asText());
            assertEquals(e.id(), item.path("id").asText());
            firstId = Long.parseLong(e.id());
        }

        Api.event(Api.unique("k"), "LIKE", user, "missed 1", "x").statusCode(202);
        Api.event(Api.unique("k"), "LIKE", user, "missed 2", "x").statusCode(202);

        try (Sse sse = Sse.open(streamUrl.toString(), token, Long.toString(firstId))) {
            assertEquals(
                    "missed 1",
                    JSON.readTree(sse.next(Duration.ofSeconds(10)).data())
                            .path("title")
                            .asText());
            assertEquals(
                    "missed 2",
                    JSON.readTree(sse.next(Duration.ofSeconds(10)).data())
                            .path("title")
                            .asText());
            Api.event(Api.unique("k"), "LIKE", user, "live again", "x").statusCode(202);
            assertEquals(
                    "live again",
                    JSON.readTree(sse.next(Duration.ofSeconds(10)).data())
                            .path("title")
                            .asText());
            assertNull(sse.next(Duration.ofMillis(500)), "nothing twice");
        }
    }

    @Test
    void itemsAddedByAnotherReplicaReachTheStreamThroughPostgresNotify() throws Exception {
        String user = Api.unique("replica");
        try (Sse sse = Sse.open(streamUrl.toString(), Tokens.user(user), null)) {
            assertEquals(200, sse.status);
            Thread.sleep(300);
            // What another notify replica does: insert and NOTIFY in one transaction; nothing happens locally.
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ins = c.prepareStatement("""
                        INSERT INTO notification (user_id, type, title, body, created_at) VALUES (?, 'LIKE', 'elsewhere', 'x', now())""");
                        PreparedStatement notify = c.prepareStatement("SELECT pg_notify('notify_inbox', ?)")) {
                    ins.setString(1, Tokens.idOf(user));
                    ins.executeUpdate();
                    notify.setString(1, "other-replica " + Tokens.idOf(user));
                    notify.execute();
                }
                c.commit();
            }
            Sse.Event e = sse.next(Duration.ofSeconds(10));
            assertNotNull(e, "woken by the other replica's NOTIFY");
            assertEquals("elsewhere", JSON.readTree(e.data()).path("title").asText());
        }
    }

    @Test
    void streamEventsCarryOnlySseFieldsOnTheWire() throws Exception {
        String user = Api.unique("sse-raw");
        HttpRequest request = HttpRequest.newBuilder(streamUrl.toURI())
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + Tokens.user(user))
                .build();
        HttpResponse<InputStream> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (InputStream body = response.body()) {
            Thread.sleep(300);
            Api.event(Api.unique("k"), "COMMENT", user, "raw", "줄 단위로").statusCode(202);
            List<String> lines = new ArrayList<>();
            CompletableFuture<Void> read = CompletableFuture.runAsync(() -> {
                BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                try {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.isEmpty() && lines.stream().anyMatch(l -> l.startsWith("data:"))) {
                            return;
                        }
                        if (!line.isEmpty() && !line.startsWith(":")) {
                            lines.add(line);
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            read.get(10, TimeUnit.SECONDS);
            assertEquals(3, lines.size(), "one event: " + lines);
            for (String line : lines) {
                assertTrue(
                        line.startsWith("id:") || line.startsWith("event:") || line.startsWith("data:"),
                        "only SSE fields on the wire, got: " + line);
            }
            assertTrue(lines.stream().anyMatch(l -> l.equals("event:notification")), lines.toString());
            String data = lines.stream()
                    .filter(l -> l.startsWith("data:"))
                    .findFirst()
                    .orElseThrow()
                    .substring(5);
            assertEquals("raw", JSON.readTree(data).path("title").asText());
        }
    }

    @Test
    void streamNeedsAUserAndAValidLastEventId() throws Exception {
        try (Sse sse = Sse.open(streamUrl.toString(), null, null)) {
            assertEquals(401, sse.status);
        }
        try (Sse sse = Sse.open(streamUrl.toString(), Tokens.service("chat-service"), null)) {
            assertEquals(403, sse.status);
        }
        try (Sse sse = Sse.open(streamUrl.toString(), Tokens.user("alice"), "abc")) {
            assertEquals(400, sse.status);
            assertTrue(sse.errorBody().contains("Last-Event-ID"));
        }
    }
}
