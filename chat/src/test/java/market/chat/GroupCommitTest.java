package market.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import market.chat.domain.Appointment;
import market.chat.domain.MessageType;
import market.chat.storage.GroupCommit;
import market.chat.storage.MessageStore.Appended;
import market.chat.storage.MessageStore.NewMessage;
import market.common.db.StorageFailures;
import market.testing.PostgresResource;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;

/** Many rooms' messages committed in one PostgreSQL transaction: order, idempotency, failures, unread counts. */
@QuarkusTest
class GroupCommitTest {

    @Inject
    GroupCommit writer;

    private static NewMessage text(long roomId, String sender, String content, String clientMsgId) {
        return new NewMessage(roomId, Tokens.idOf(sender), MessageType.TEXT, content, null, clientMsgId);
    }

    private static List<Optional<Appended>> outcomes(List<CompletableFuture<Optional<Appended>>> done)
            throws Exception {
        List<Optional<Appended>> out = new ArrayList<>();
        for (CompletableFuture<Optional<Appended>> f : done) {
            out.add(f.get());
        }
        return out;
    }

    /** The room's messages as its seller reads them, oldest first. */
    private static JsonPath messages(String seller, long roomId) {
        return given().auth()
                .oauth2(Tokens.user(seller))
                .get("/api/chat/rooms/" + roomId + "/messages?after=0&size=100")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void oneBatchAcrossRoomsKeepsOrderResendsAndEachOutcome() throws Exception {
        String seller1 = Fixtures.user("seller");
        String buyer1 = Fixtures.user("buyer");
        String seller2 = Fixtures.user("seller");
        String buyer2 = Fixtures.user("buyer");
        long room1 = Fixtures.room(seller1, buyer1);
        long room2 = Fixtures.room(seller2, buyer2);
        // committed before the batch: resent inside it
        long earlier = writer.append(text(room1, buyer1, "earlier", "g-early"))
                .orElseThrow()
                .message()
                .id();
        Appointment meet = new Appointment(OffsetDateTime.of(2026, 12, 24, 18, 0, 0, 0, ZoneOffset.UTC), "역삼역 3번 출구");

        List<Optional<Appended>> out = outcomes(writer.writeTogether(List.of(
                text(room2, buyer2, "r2-1", "g-r2-1"),
                text(room1, buyer1, "r1-1", "g-r1-1"),
                text(room1, seller1, "r1-2", "g-r1-2"),
                text(room2, seller2, "r2-2", null),
                text(room1, buyer1, "r1-1 again", "g-r1-1"), // resent in the same batch
                new NewMessage(room1, Tokens.idOf(buyer1), MessageType.APPOINTMENT, "만나요", meet, "g-r1-3"),
                text(room2, buyer1, "not a participant", "g-x"),
                text(999_999_999L, buyer1, "no such room", "g-y"),
                text(room1, buyer1, "earlier again", "g-early"),
                text(room2, buyer2, "r2-3", "g-r2-3"))));

        long r21 = out.get(0).orElseThrow().message().id();
        long r11 = out.get(1).orElseThrow().message().id();
        long r12 = out.get(2).orElseThrow().message().id();
        long r22 = out.get(3).orElseThrow().message().id();
        long r13 = out.get(5).orElseThrow().message().id();
        long r23 = out.get(9).orElseThrow().message().id();
        assertTrue(r11 < r12 && r12 < r13, "ids follow the order of the batch within a room");
        assertTrue(r21 < r22 && r22 < r23, "ids follow the order of the batch within a room");
        assertTrue(out.get(0).orElseThrow().created());
        Appended again = out.get(4).orElseThrow();
        assertFalse(again.created());
        assertEquals(r11, again.message().id(), "a resend in the same batch answers the first message");
        assertEquals("r1-1", again.message().content());
        assertEquals(
                "역삼역 3번 출구", out.get(5).orElseThrow().message().appointment().place());
        assertNull(out.get(6).orElseThrow().message(), "a non-participant stores nothing");
        assertTrue(out.get(7).isEmpty(), "no such room");
        assertFalse(out.get(8).orElseThrow().created());
        assertEquals(earlier, out.get(8).orElseThrow().message().id(), "a resend answers the earlier message");
        assertEquals("earlier", out.get(8).orElseThrow().message().content());

        JsonPath r1 = messages(seller1, room1);
        assertEquals(
                List.of(earlier, r11, r12, r13), r1.getList("items.id", Long.class), "each message once, in id order");
        assertEquals(List.of("r2-1", "r2-2", "r2-3"), messages(seller2, room2).getList("items.content"));
        // the room's last message and the senders' read marks moved with the batch
        given().auth()
                .oauth2(Tokens.user(seller1))
                .get("/api/chat/rooms/" + room1)
                .then()
                .statusCode(200)
                .body("lastMessage.id", equalTo((int) r13))
                .body("unreadCount", equalTo(1)); // r1-3 (the seller read up to its own r1-2)
        given().auth()
                .oauth2(Tokens.user(buyer1))
                .get("/api/chat/rooms/" + room1)
                .then()
                .body("unreadCount", equalTo(0));
        given().auth()
                .oauth2(Tokens.user(seller2))
                .get("/api/chat/rooms/" + room2)
                .then()
                .body("unreadCount", equalTo(1)) // r2-3
                .body("lastMessage.id", equalTo((int) r23));
    }

    @Test
    void resendingAcrossBatchesStoresOnce() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long room = Fixtures.room(seller, buyer);
        Appended first = outcomes(writer.writeTogether(List.of(text(room, buyer, "hi", "x-1"))))
                .get(0)
                .orElseThrow();
        assertTrue(first.created());
        List<Optional<Appended>> second = outcomes(
                writer.writeTogether(List.of(text(room, buyer, "hi", "x-1"), text(room, buyer, "next", "x-2"))));
        assertFalse(second.get(0).orElseThrow().created());
        assertEquals(first.message().id(), second.get(0).orElseThrow().message().id());
        assertTrue(second.get(1).orElseThrow().created());
        assertEquals(List.of("hi", "next"), messages(seller, room).getList("items.content"));
    }

    @Test
    void oneRefusedValueFailsOnlyItsOwnSend() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long room = Fixtures.room(seller, buyer);
        List<CompletableFuture<Optional<Appended>>> done = writer.writeTogether(List.of(
                text(room, buyer, "before", "v-1"),
                text(room, buyer, "nul \u0000 here", "v-2"),
                text(room, seller, "after", "v-3")));
        assertTrue(done.get(0).get().orElseThrow().created());
        ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class, () -> done.get(1).get());
        assertTrue(
                StorageFailures.isRejectedValue(refused.getCause()),
                refused.getCause().toString());
        assertTrue(done.get(2).get().orElseThrow().created());
        // exactly what was acknowledged is stored
        assertEquals(List.of("before", "after"), messages(seller, room).getList("items.content"));
    }

    @Test
    void withPostgresDownTheWholeBatchFailsAndNothingIsStored() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long room = Fixtures.room(seller, buyer);
        List<NewMessage> batch = List.of(
                text(room, buyer, "one", "d-1"), text(room, seller, "two", "d-2"), text(room, buyer, "three", "d-3"));
        PostgresResource.stopServer();
        List<CompletableFuture<Optional<Appended>>> failed;
        try {
            failed = writer.writeTogether(batch);
        } finally {
            PostgresResource.startServer();
        }
        for (CompletableFuture<Optional<Appended>> f : failed) {
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, f::get);
            assertTrue(StorageFailures.isUnavailable(e.getCause()), e.getCause().toString());
        }
        // the senders resend with the same clientMsgIds (after a pool connection broken by the restart, if any)
        List<Optional<Appended>> resent = null;
        for (int i = 0; i < 20 && resent == null; i++) {
            try {
                resent = outcomes(writer.writeTogether(batch));
            } catch (ExecutionException e) {
                Thread.sleep(250);
            }
        }
        assertTrue(
                resent != null && resent.stream().allMatch(o -> o.orElseThrow().created()));
        assertEquals(List.of("one", "two", "three"), messages(seller, room).getList("items.content"));
        List<Optional<Appended>> again = outcomes(writer.writeTogether(batch));
        for (int i = 0; i < 3; i++) {
            assertFalse(again.get(i).orElseThrow().created());
            assertEquals(
                    resent.get(i).orElseThrow().message().id(),
                    again.get(i).orElseThrow().message().id());
        }
        assertEquals(3, messages(seller, room).getList("items").size());
    }

    @Test
    void concurrentSendersThroughTheQueueKeepEachRoomInOrder() throws Exception {
        int rooms = 6, perSender = 20;
        String[] sellers = new String[rooms], buyers = new String[rooms];
        long[] ids = new long[rooms];
        for (int r = 0; r < rooms; r++) {
            sellers[r] = Fixtures.user("seller");
            buyers[r] = Fixtures.user("buyer");
            ids[r] = Fixtures.room(sellers[r], buyers[r]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2 * rooms);
        try {
            List<Future<List<Long>>> senders = new ArrayList<>();
            for (int r = 0; r < rooms; r++) {
                for (String who : List.of(sellers[r], buyers[r])) {
                    long room = ids[r];
                    senders.add(pool.submit(() -> {
                        List<Long> acked = new ArrayList<>();
                        for (int i = 0; i < perSender; i++) {
                            acked.add(writer.append(text(room, who, who + ":" + i, who + "-" + i))
                                    .orElseThrow()
                                    .message()
                                    .id());
                        }
                        return acked;
                    }));
                }
            }
            for (Future<List<Long>> f : senders) {
                List<Long> acked = f.get();
                for (int i = 1; i < acked.size(); i++) {
                    assertTrue(acked.get(i - 1) < acked.get(i), "a sender's messages get increasing ids");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (int r = 0; r < rooms; r++) {
            List<String> contents = messages(sellers[r], ids[r]).getList("items.content");
            assertEquals(2 * perSender, contents.size(), "every acknowledged message stored once");
            for (String who : List.of(sellers[r], buyers[r])) {
                List<String> own =
                        contents.stream().filter(c -> c.startsWith(who + ":")).toList();
                for (int i = 0; i < perSender; i++) {
                    assertEquals(who + ":" + i, own.get(i), "each sender's messages in the order sent");
                }
            }
            given().auth()
                    .oauth2(Tokens.user(sellers[r]))
                    .get("/api/chat/rooms/" + ids[r])
                    .then()
                    .body("lastMessage.id", equalTo(messages(sellers[r], ids[r]).getInt("items[-1].id")));
        }
        assertTrue(writer.counts()[1] >= rooms * 2L * perSender);
    }
}
