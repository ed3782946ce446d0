package market.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import market.testing.Tokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class MessageApiTest {

    @jakarta.inject.Inject
    market.common.db.Db db;

    /** Only for a connection that holds a lock open while the test sends through the API. */
    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    @Test
    void sendIsDurableAndIdempotentPerClientMsgId() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        String body = "{\"content\":\"안녕하세요! 아직 있나요?\",\"clientMsgId\":\"c-1\"}";

        int id = given().auth()
                .oauth2(Tokens.user(buyer))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .statusCode(201)
                .body("roomId", equalTo((int) roomId))
                .body("senderId", equalTo(Tokens.idOf(buyer)))
                .body("type", equalTo("TEXT"))
                .body("content", equalTo("안녕하세요! 아직 있나요?"))
                .body("clientMsgId", equalTo("c-1"))
                .body("sentAt", notNullValue())
                .body("appointment", nullValue())
                .extract()
                .path("id");
        given().auth()
                .oauth2(Tokens.user(buyer))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
        // The same clientMsgId from the other participant is a different message.
        given().auth()
                .oauth2(Tokens.user(seller))
                .contentType(ContentType.JSON)
                .body("{\"content\":\"네 있어요\",\"clientMsgId\":\"c-1\"}")
                .post("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .statusCode(201);

        given().auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].id", equalTo(id))
                .body("items[1].content", equalTo("네 있어요"))
                .body("nextCursor", nullValue());
    }

    @Test
    void historyPagesBackwardsAndCatchUpGoesForwardWithoutGapsOrDuplicates() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(Fixtures.send(i % 2 == 0 ? buyer : seller, roomId, "m" + i));
        }
        String token = Tokens.user(buyer);
        String path = "/api/chat/rooms/" + roomId + "/messages";

        // Newest page first, shown oldest first.
        List<Integer> latest = given().auth()
                .oauth2(token)
                .get(path + "?size=10")
                .then()
                .statusCode(200)
                .body("items", hasSize(10))
                .body("items[9].content", equalTo("m24"))
                .body("items[0].content", equalTo("m15"))
                .extract()
                .path("items.id");
        String older = given().auth()
                .oauth2(token)
                .get(path + "?size=10")
                .then()
                .extract()
                .path("nextCursor");
        given().auth()
                .oauth2(token)
                .get(path + "?size=10&cursor=" + older)
                .then()
                .statusCode(200)
                .body("items[0].content", equalTo("m5"))
                .body("items[9].content", equalTo("m14"));
        given().auth()
                .oauth2(token)
                .get(path + "?before=" + ids.get(5))
                .then()
                .statusCode(200)
                .body("items", hasSize(5))
                .body("items[4].content", equalTo("m4"))
                .body("nextCursor", nullValue());
        assertEquals(
                ids.subList(15, 25), latest.stream().map(Integer::longValue).toList());

        // Catch-up: everything after the last seen id, in pages, exactly once.
        List<Long> caughtUp = new ArrayList<>();
        String url = path + "?size=7&after=" + ids.get(2);
        while (url != null) {
            var page =
                    given().auth().oauth2(token).get(url).then().statusCode(200).extract();
            List<Integer> pageIds = page.path("items.id");
            pageIds.forEach(i -> caughtUp.add(i.longValue()));
            String next = page.path("nextCursor");
            url = next == null ? null : path + "?size=7&cursor=" + next;
        }
        assertEquals(ids.subList(3, 25), caughtUp);
        given().auth()
                .oauth2(token)
                .get(path + "?after=" + ids.get(24))
                .then()
                .body("items", hasSize(0))
                .body("nextCursor", nullValue());
        given().auth()
                .oauth2(token)
                .get(path + "?after=" + ids.get(2) + "&before=" + ids.get(6))
                .then()
                .body("items", hasSize(3));
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i) > ids.get(i - 1), "ids increase within a room");
        }
    }

    @Test
    void anAppointmentIsItsOwnMessageType() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        given().auth()
                .oauth2(Tokens.user(seller))
                .contentType(ContentType.JSON)
                .body(
                        "{\"content\":\"역삼역 3번 출구에서 뵐게요\",\"appointment\":{\"at\":\"2026-11-28T19:30:00+09:00\",\"place\":\"역삼역 3번 출구\"}}")
                .post("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .statusCode(201)
                .body("type", equalTo("APPOINTMENT"))
                .body("appointment.place", equalTo("역삼역 3번 출구"))
                .body("appointment.at", notNullValue());
        given().auth()
                .oauth2(Tokens.user(buyer))
                .get("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .body("items[0].type", equalTo("APPOINTMENT"))
                .body("items[0].appointment.place", equalTo("역삼역 3번 출구"));
        given().auth()
                .oauth2(Tokens.user(seller))
                .contentType(ContentType.JSON)
                .body("{\"content\":\"x\",\"appointment\":{\"at\":\"tomorrow\",\"place\":\"역삼역\"}}")
                .post("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("appointment.at"));
        given().auth()
                .oauth2(Tokens.user(seller))
                .contentType(ContentType.JSON)
                .body("{\"content\":\"x\",\"appointment\":{\"at\":\"2026-11-28T19:30:00Z\"}}")
                .post("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("appointment.place"));
    }

    /** One bad request by the buyer (token) against the messages of their fresh room (path). */
    interface BadSend {
        void send(String token, String path);
    }

    /** A JSON body the API refuses with 400, naming the field. */
    static Arguments badSendFieldError(String name, String body, String field) {
        return Arguments.of(name, (BadSend) (token, path) -> given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(path)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo(field)));
    }

    /** A JSON body the API refuses with a 400 problem. */
    static Arguments badSendProblem(String name, String body) {
        return Arguments.of(name, (BadSend) (token, path) -> given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json"));
    }

    static Stream<Arguments> badSends() {
        return Stream.of(
                badSendProblem("malformed JSON", "{\"content\":"),
                badSendFieldError("unknown field senderId", "{\"content\":\"hi\",\"senderId\":\"x\"}", "senderId"),
                badSendFieldError("content is an object", "{\"content\":{\"a\":1}}", "content"),
                badSendFieldError("content is a number", "{\"content\":123}", "content"),
                badSendFieldError("blank content", "{\"content\":\"   \"}", "content"),
                badSendFieldError("no content", "{}", "content"),
                badSendFieldError(
                        "content of 1001 characters", "{\"content\":\"" + "가".repeat(1001) + "\"}", "content"),
                badSendProblem("content of 10000 characters", "{\"content\":\"" + "x".repeat(10000) + "\"}"),
                badSendFieldError(
                        "clientMsgId with a space",
                        "{\"content\":\"hi\",\"clientMsgId\":\"has space\"}",
                        "clientMsgId"),
                Arguments.of("no token", (BadSend) (token, path) -> given().contentType(ContentType.JSON)
                        .body("{\"content\":\"hi\"}")
                        .post(path)
                        .then()
                        .statusCode(401)
                        .contentType("application/problem+json")),
                Arguments.of("someone else sends", (BadSend) (token, path) -> given().auth()
                        .oauth2(Tokens.user(Fixtures.user("mallory")))
                        .contentType(ContentType.JSON)
                        .body("{\"content\":\"hi\"}")
                        .post(path)
                        .then()
                        .statusCode(403)
                        .contentType("application/problem+json")),
                Arguments.of("someone else reads", (BadSend) (token, path) -> given().auth()
                        .oauth2(Tokens.user(Fixtures.user("mallory")))
                        .get(path)
                        .then()
                        .statusCode(403)
                        .contentType("application/problem+json")),
                Arguments.of("unknown room", (BadSend) (token, path) -> given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .body("{\"content\":\"hi\"}")
                        .post("/api/chat/rooms/99999999/messages")
                        .then()
                        .statusCode(404)
                        .contentType("application/problem+json")),
                Arguments.of("after=abc", (BadSend) (token, path) -> given().auth()
                        .oauth2(token)
                        .get(path + "?after=abc")
                        .then()
                        .statusCode(400)
                        .body("errors[0].field", equalTo("after"))),
                Arguments.of("before=-1", (BadSend) (token, path) -> given().auth()
                        .oauth2(token)
                        .get(path + "?before=-1")
                        .then()
                        .statusCode(400)
                        .body("errors[0].field", equalTo("before"))),
                Arguments.of("size=1000", (BadSend) (token, path) -> given().auth()
                        .oauth2(token)
                        .get(path + "?size=1000")
                        .then()
                        .statusCode(400)
                        .body("errors[0].field", equalTo("size"))),
                // PostgreSQL refuses a NUL character in text: a 400 problem, not a 500.
                badSendProblem("NUL character in content", "{\"content\":\"a\\u0000b\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSends")
    void badSendsAre4xxProblemsAndStoreNothing(String name, BadSend bad) {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        String token = Tokens.user(buyer);
        String path = "/api/chat/rooms/" + roomId + "/messages";
        bad.send(token, path);

        given().auth().oauth2(token).get(path).then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(token).get("/api/chat/rooms/" + roomId).then().body("lastMessage", nullValue());
    }

    /**
     * What keeps catch-up gap-free: a send takes its message id only once it holds the room's row lock, so ids
     * of one room are committed in order. While another transaction holds the lock the send waits without
     * having drawn from the id sequence.
     */
    @Test
    void aSendTakesItsIdOnlyOnceItHoldsTheRoomLock() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (java.sql.Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("SELECT id FROM chat_room WHERE id = " + roomId + " FOR UPDATE");
            long before = lastMessageId();
            var send = pool.submit(() -> Fixtures.send(buyer, roomId, "waits for the lock"));
            Awaitility.await("the send waits for the room lock")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(this::waitingOnLock);
            assertEquals(before, lastMessageId(), "no message id drawn while waiting for the room");
            lock.commit();
            long id = send.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(id > before, id + " after " + before);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A first read mark inserts into chat_read, whose foreign key check takes a key share lock on the room row;
     * a send then upserts the same chat_read row. If the send's room lock conflicted with key share (FOR UPDATE),
     * the two could deadlock; with FOR NO KEY UPDATE a send goes past a key share lock held elsewhere.
     */
    @Test
    void aSendDoesNotWaitForAKeyShareLockOnTheRoom() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (java.sql.Connection keyShare = dataSource.getConnection()) {
            keyShare.setAutoCommit(false);
            keyShare.createStatement().execute("SELECT id FROM chat_room WHERE id = " + roomId + " FOR KEY SHARE");
            var send = pool.submit(() -> Fixtures.send(buyer, roomId, "no wait"));
            assertTrue(send.get(5, java.util.concurrent.TimeUnit.SECONDS) > 0, "stored while the key share is held");
            keyShare.rollback();
        } finally {
            pool.shutdownNow();
        }
    }

    private long lastMessageId() {
        return db.single(
                "SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS last_id FROM chat_message_id_seq",
                r -> r.getLong("last_id"));
    }

    private boolean waitingOnLock() {
        return db.single(
                        "SELECT count(*) AS waiting FROM pg_stat_activity"
                                + " WHERE wait_event_type = 'Lock' AND (query LIKE '%INSERT INTO chat_message%'"
                                // a group commit locks its rooms in a statement of its own, before drawing ids
                                + " OR query LIKE '%FOR NO KEY UPDATE%')",
                        r -> r.getLong("waiting"))
                > 0;
    }

    /**
     * Both participants send at once, every message twice (a resend racing its original), while a reader
     * catches up with {@code after} the whole time: each clientMsgId is stored once, both sends of it get the
     * same message, and the reader, which only ever asks for ids above the last one it saw, ends up with every
     * message in order: no id is committed after a higher one of the same room.
     */
    @Test
    void concurrentSendsAndResendsKeepOneMessageEachAndCatchUpNeverSkips() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        String path = "/api/chat/rooms/" + roomId + "/messages";
        String sellerToken = Tokens.user(seller);
        String buyerToken = Tokens.user(buyer);
        int perUser = 12;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Long> seen = new ArrayList<>();
        java.util.concurrent.Future<?> reader = pool.submit(() -> {
            long after = 0;
            boolean last = false;
            while (!last) {
                last = !writing.get();
                List<Integer> ids = given().auth()
                        .oauth2(sellerToken)
                        .get(path + "?after=" + after + "&size=100")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("items.id");
                for (Integer id : ids) {
                    seen.add(id.longValue());
                    after = id;
                }
            }
            return null;
        });
        List<java.util.concurrent.Future<Integer>> sends = new ArrayList<>();
        for (int i = 0; i < perUser; i++) {
            for (String token : List.of(sellerToken, buyerToken)) {
                String body = "{\"content\":\"race " + i + "\",\"clientMsgId\":\"race-" + i + "\"}";
                for (int copy = 0; copy < 2; copy++) {
                    sends.add(pool.submit(() -> given().auth()
                            .oauth2(token)
                            .contentType(ContentType.JSON)
                            .body(body)
                            .post(path)
                            .then()
                            .statusCode(org.hamcrest.Matchers.oneOf(200, 201))
                            .extract()
                            .path("id")));
                }
            }
        }
        List<Integer> returned = new ArrayList<>();
        try {
            for (var f : sends) {
                returned.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            writing.set(false);
            reader.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }

        for (int i = 0; i < returned.size(); i += 2) {
            assertEquals(returned.get(i), returned.get(i + 1), "a message and its resend are one message");
        }
        List<Long> stored = given()
                .auth()
                .oauth2(sellerToken)
                .get(path + "?size=100")
                .then()
                .statusCode(200)
                .body("items", hasSize(2 * perUser))
                .extract()
                .<List<Integer>>path("items.id")
                .stream()
                .map(Integer::longValue)
                .toList();
        assertEquals(stored, seen, "catching up with after saw every message once, in order");
    }

    @Test
    void readMarksMoveForwardOnlyAndOnlyForParticipants() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        long m1 = Fixtures.send(buyer, roomId, "one");
        long m2 = Fixtures.send(buyer, roomId, "two");
        String path = "/api/chat/rooms/" + roomId;
        String token = Tokens.user(seller);

        given().auth().oauth2(token).get(path).then().body("unreadCount", equalTo(2));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"lastReadId\":" + m2 + "}")
                .post(path + "/read")
                .then()
                .statusCode(204);
        given().auth().oauth2(token).get(path).then().body("unreadCount", equalTo(0));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"lastReadId\":" + m1 + "}")
                .post(path + "/read")
                .then()
                .statusCode(204);
        given().auth().oauth2(token).get(path).then().body("unreadCount", equalTo(0));
        Fixtures.send(buyer, roomId, "three");
        // A mark beyond the last message is clamped, so later messages still count as unread.
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"lastReadId\":" + (m2 + 1_000_000) + "}")
                .post(path + "/read")
                .then()
                .statusCode(204);
        Fixtures.send(buyer, roomId, "four");
        given().auth().oauth2(token).get(path).then().body("unreadCount", equalTo(1));

        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"lastReadId\":\"x\"}")
                .post(path + "/read")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("lastReadId"));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"lastReadId\":-1}")
                .post(path + "/read")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("lastReadId"));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{}")
                .post(path + "/read")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("lastReadId"));
        given().auth()
                .oauth2(Tokens.user(Fixtures.user("mallory")))
                .contentType(ContentType.JSON)
                .body("{\"lastReadId\":" + m2 + "}")
                .post(path + "/read")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body("{\"lastReadId\":" + m2 + "}")
                .post(path + "/read")
                .then()
                .statusCode(401);
    }
}
