package market.notify;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import market.common.db.Db;
import market.notify.domain.AdRules;
import market.notify.storage.InboxStore;
import market.testing.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Notices and ads reach every user's inbox and live stream although they are stored once (fan-out on read):
 * users notify never saw, users who only opened the stream, with exact unread counts, read marks, replay and
 * pagination over personal items and broadcasts, and the ad rules in the inbox.
 */
@QuarkusTest
class BroadcastInboxApiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = Tokens.admin("root");

    @TestHTTPResource("/api/me/notifications/stream")
    URL streamUrl;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Db db;

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static long post(String json) {
        return given().auth()
                .oauth2(ADMIN)
                .contentType(ContentType.JSON)
                .body(json)
                .post("/api/admin/notices")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    private static String status(long id) {
        return given().auth()
                .oauth2(ADMIN)
                .get("/api/admin/notices/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    /** Publishes a NOTICE and waits until it is sent. */
    private static long notice(String title) {
        long id = post("{\"type\":\"NOTICE\",\"title\":\"" + title + "\",\"body\":\"본문\"}");
        await().atMost(WAIT).until(() -> "SENT".equals(status(id)));
        return id;
    }

    private static long event(String user, String title) {
        return Api.event(Api.unique("k"), "COMMENT", user, title, "x")
                .statusCode(202)
                .extract()
                .jsonPath()
                .getLong("notificationId");
    }

    private static JsonPath inbox(String bearer) {
        return given().auth()
                .oauth2(bearer)
                .queryParam("size", 100)
                .get("/api/me/notifications")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static long markRead(String user, long upToId) {
        return given().auth()
                .oauth2(Tokens.user(user))
                .contentType(ContentType.JSON)
                .body("{\"upToId\":" + upToId + "}")
                .post("/api/me/notifications/read")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("unreadCount");
    }

    /**
     * A KST wall-clock time {@code days} from today. Tests move the clock back, never ahead: whatever they
     * publish then is in the past for every later test, so it cannot reach later tests' users.
     */
    private static Instant kstInDays(int days, String localTime) {
        return LocalDate.now(AdRules.KST)
                .plusDays(days)
                .atTime(LocalTime.parse(localTime))
                .atZone(AdRules.KST)
                .toInstant();
    }

    private Sse stream(String user, String lastEventId) throws Exception {
        Sse sse = Sse.open(streamUrl.toString(), Tokens.user(user), lastEventId);
        assertEquals(200, sse.status);
        Thread.sleep(300);
        return sse;
    }

    private static JsonNode data(Sse.Event e) throws Exception {
        assertNotNull(e, "an event");
        return JSON.readTree(e.data());
    }

    @Test
    void aUserWhoOnlyOpenedTheLiveStreamGetsTheNoticeLive() throws Exception {
        String user = Api.unique("stream-only");
        try (Sse sse = stream(user, null)) {
            long noticeId = notice("스트림만 연 사용자에게");
            Sse.Event e = sse.next(WAIT);
            JsonNode item = data(e);
            assertEquals("스트림만 연 사용자에게", item.path("title").asText());
            assertEquals("NOTICE", item.path("type").asText());
            assertEquals(
                    Long.toString(noticeId), item.path("data").path("noticeId").asText());
            assertEquals(e.id(), item.path("id").asText());
            JsonPath inbox = inbox(Tokens.user(user));
            assertEquals(List.of("스트림만 연 사용자에게"), inbox.getList("items.title"));
            assertEquals(e.id(), inbox.getString("items[0].id"));
            assertEquals(1, inbox.getInt("unreadCount"));
        }
    }

    @Test
    void aUserNotifyNeverSawFindsTheNoticesPublishedWhileTheirAccountExisted() {
        Instant accountCreated = Instant.now().minus(Duration.ofHours(1));
        notice("가입 후 나간 공지");

        String newcomer = Api.unique("never-seen");
        JsonPath inbox = inbox(AccountTokens.createdAt(newcomer, accountCreated));
        assertTrue(inbox.getList("items.title").contains("가입 후 나간 공지"), inbox.prettify());
        assertEquals(inbox.getList("items").size(), inbox.getInt("unreadCount"));

        // Known to notify only as the recipient of an event so far: their token still tells when they joined.
        String eventFirst = Api.unique("event-first");
        event(eventFirst, "첫 알림");
        assertTrue(inbox(AccountTokens.createdAt(eventFirst, accountCreated))
                .getList("items.title")
                .containsAll(List.of("첫 알림", "가입 후 나간 공지")));

        // An account made after the notice does not get it; nor, in this test profile (window 0s), does a
        // user whose token carries no creation time and whom notify meets only now.
        String later = Api.unique("joined-later");
        assertFalse(inbox(AccountTokens.createdAt(later, Instant.now()))
                .getList("items.title")
                .contains("가입 후 나간 공지"));
        assertFalse(inbox(Tokens.user(Api.unique("no-claim")))
                .getList("items.title")
                .contains("가입 후 나간 공지"));
    }

    @Test
    void unreadCountsAndReadMarksCoverNoticesAndNeverRunAhead() {
        String user = Api.unique("marks");
        Api.inbox(user);
        long first = event(user, "개인 1");
        notice("읽음 공지");
        long second = event(user, "개인 2");

        JsonPath inbox = inbox(Tokens.user(user));
        assertEquals(List.of("개인 2", "읽음 공지", "개인 1"), inbox.getList("items.title"));
        assertEquals(3, inbox.getInt("unreadCount"));
        long noticeItem = inbox.getLong("items[1].id");
        assertTrue(first < noticeItem && noticeItem < second, "one ordered id space");

        assertEquals(1, markRead(user, noticeItem));
        Api.inbox(user).body("items.read", contains(false, true, true)).body("unreadCount", equalTo(1));

        // A mark beyond everything the user has reads what is there, not what comes later.
        assertEquals(0, markRead(user, 999_999_999_999L));
        notice("나중 공지");
        Api.inbox(user)
                .body("unreadCount", equalTo(1))
                .body("items[0].title", equalTo("나중 공지"))
                .body("items[0].read", equalTo(false));

        // Marks are per user.
        String other = Api.unique("marks-other");
        Api.inbox(other);
        markRead(other, 999_999_999_999L);
        Api.inbox(user).body("unreadCount", equalTo(1));
    }

    @Test
    void lastEventIdReplaysAMissedNotice() throws Exception {
        String user = Api.unique("replay");
        Api.inbox(user);
        String lastSeen;
        try (Sse sse = stream(user, null)) {
            event(user, "연결 중");
            Sse.Event e = sse.next(WAIT);
            assertEquals("연결 중", data(e).path("title").asText());
            lastSeen = e.id();
        }
        notice("끊긴 사이 공지");
        event(user, "끊긴 사이 개인");

        try (Sse sse = stream(user, lastSeen)) {
            Sse.Event missedNotice = sse.next(WAIT);
            assertEquals("끊긴 사이 공지", data(missedNotice).path("title").asText());
            assertEquals("끊긴 사이 개인", data(sse.next(WAIT)).path("title").asText());
            assertNull(sse.next(Duration.ofMillis(500)), "nothing twice");
        }
    }

    @Test
    void pagesWalkPersonalItemsAndNoticesInOneOrder() {
        String user = Api.unique("pages");
        Api.inbox(user);
        for (int i = 1; i <= 3; i++) {
            event(user, "개인 " + i);
            notice("공지 " + i);
        }
        List<String> titles = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(Tokens.user(user)).queryParam("size", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/me/notifications")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertEquals(6, page.getInt("unreadCount"));
            titles.addAll(page.getList("items.title"));
            ids.addAll(page.getList("items.id", Long.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(List.of("공지 3", "개인 3", "공지 2", "개인 2", "공지 1", "개인 1"), titles);
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i - 1) > ids.get(i), "newest first, no repeats: " + ids);
        }
        assertEquals(3, pages);
    }

    /** How often this ad shows in the user's inbox (other tests' ads may show too: consent times overlap). */
    private static int times(String user, String adTitle) {
        return Collections.frequency(inbox(Tokens.user(user)).getList("items.title"), adTitle);
    }

    private static int unread(String user) {
        return inbox(Tokens.user(user)).getInt("unreadCount");
    }

    @Test
    void anAdByDayReachesOnlyInboxesThatConsentedBeforeItWent() {
        clock.setTo(kstInDays(-400, "12:00:00"));
        String fan = Api.unique("day-fan");
        String refuser = Api.unique("day-no");
        String withdrawer = Api.unique("day-withdraw");
        Api.settings(fan, true, true, true, true, false);
        Api.settings(withdrawer, true, true, true, true, false);
        Api.inbox(refuser);
        int refuserUnread = unread(refuser);

        long id = post("{\"type\":\"AD\",\"title\":\"점심 특가\",\"body\":\"오늘만\"}");
        await().atMost(WAIT).until(() -> "SENT".equals(status(id)));
        assertEquals(1, times(fan, "(광고) 점심 특가"));
        assertTrue(inbox(Tokens.user(fan))
                .getString("items.find { it.title == '(광고) 점심 특가' }.body")
                .endsWith("마케팅 알림 끄기"));
        assertEquals(0, times(refuser, "(광고) 점심 특가"));
        assertEquals(refuserUnread, unread(refuser));

        String lateFan = Api.unique("day-late");
        Api.settings(lateFan, true, true, true, true, false);
        assertEquals(0, times(lateFan, "(광고) 점심 특가"), "consent given after the ad went out");
        Api.settings(withdrawer, true, true, true, false, false);
        assertEquals(0, times(withdrawer, "(광고) 점심 특가"), "consent withdrawn");

        Api.settings(fan, true, true, true, false, false);
        Api.settings(lateFan, true, true, true, false, false);
    }

    @Test
    void anAdAtNightShowsOnlyWithNightConsentAndReachesTheRestAtEightKstLive() throws Exception {
        clock.setTo(kstInDays(-400, "22:00:00"));
        String owl = Api.unique("night-owl");
        String lark = Api.unique("night-lark");
        String none = Api.unique("night-none");
        Api.settings(owl, true, true, true, true, true);
        Api.settings(lark, true, true, true, true, false);
        Api.inbox(none);

        try (Sse larkStream = stream(lark, null)) {
            long id = post("{\"type\":\"AD\",\"title\":\"심야 특가\",\"body\":\"오늘 밤만\"}");
            await().atMost(WAIT).until(() -> times(owl, "(광고) 심야 특가") == 1);
            assertEquals(0, times(lark, "(광고) 심야 특가"));
            int larkUnreadAtNight = unread(lark);
            assertNull(larkStream.next(Duration.ofSeconds(2)), "not before 08:00 without night consent");
            assertEquals("SENDING", status(id));

            clock.setTo(kstInDays(-399, "08:00:01"));
            Sse.Event morning = larkStream.next(WAIT);
            assertEquals("(광고) 심야 특가", data(morning).path("title").asText());
            await().atMost(WAIT).until(() -> "SENT".equals(status(id)));
            assertEquals(larkUnreadAtNight + 1, unread(lark));
        }
        assertEquals(1, times(lark, "(광고) 심야 특가"));
        assertEquals(1, times(owl, "(광고) 심야 특가"), "night consenters see it once");
        assertEquals(0, times(none, "(광고) 심야 특가"));

        Api.settings(owl, true, true, true, false, false);
        Api.settings(lark, true, true, true, false, false);
    }

    @Test
    void aCancelledScheduledNoticeNeverAppears() throws Exception {
        String reader = AccountTokens.createdAt(
                Api.unique("sched-reader"), Instant.now().minus(Duration.ofDays(1)));
        inbox(reader);
        // Due in seconds of real time (a clock moved ahead would publish with a future time, see AdminNoticeApiTest).
        Instant soon = Instant.now().plusSeconds(4);
        long cancelled =
                post("{\"type\":\"NOTICE\",\"title\":\"취소된 예약\",\"body\":\"x\",\"scheduledAt\":\"" + soon + "\"}");
        given().auth()
                .oauth2(ADMIN)
                .delete("/api/admin/notices/" + cancelled)
                .then()
                .statusCode(200);
        long kept =
                post("{\"type\":\"NOTICE\",\"title\":\"예약대로 나간 공지\",\"body\":\"x\",\"scheduledAt\":\"" + soon + "\"}");

        await().atMost(WAIT).until(() -> "SENT".equals(status(kept)));
        List<String> titles = inbox(reader).getList("items.title");
        assertTrue(titles.contains("예약대로 나간 공지"), titles.toString());
        assertFalse(titles.contains("취소된 예약"), titles.toString());
        assertEquals("CANCELLED", status(cancelled));
        assertEquals(0, count("SELECT count(*) FROM broadcast WHERE notice_id = " + cancelled));
    }

    @Test
    void aNoticeIsStoredOnceWhateverTheNumberOfUsers() throws Exception {
        for (int i = 0; i < 5; i++) {
            Api.inbox(Api.unique("many"));
        }
        long rowsBefore = count("SELECT count(*) FROM notification");
        long id = notice("한 번만 저장");
        assertEquals(rowsBefore, count("SELECT count(*) FROM notification"), "no row per user");
        assertEquals(1, count("SELECT count(*) FROM broadcast WHERE notice_id = " + id));
        int targeted = given().auth()
                .oauth2(ADMIN)
                .get("/api/admin/notices/" + id)
                .then()
                .extract()
                .path("stats.targeted");
        assertTrue(targeted >= 5, "targeted counts the users notify knows: " + targeted);
    }

    @Test
    void aPersonalItemCommittingWhileABroadcastIsPublishedComesAfterItOnTheStream() throws Exception {
        String user = Api.unique("in-flight");
        Api.inbox(user);
        try (Sse sse = stream(user, null)) {
            CompletableFuture<Integer> personal;
            long broadcastId;
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                // What the dispatcher does when it publishes a round: the exclusive inbox lock, then the id.
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, 0)")) {
                    lock.setInt(1, InboxStore.ORDER_LOCK);
                    lock.execute();
                }
                long noticeId = insertReturningId(c, """
                        INSERT INTO notice (type, title, body, status, sent_at, created_by, created_at, dispatched)
                        VALUES ('NOTICE', '발행 중 공지', 'x', 'SENT', now(), 'test', now(), true) RETURNING id""");
                broadcastId = insertReturningId(
                        c, """
                        INSERT INTO broadcast (id, notice_id, audience, type, title, body, data, published_at)
                        VALUES (nextval('notification_id_seq'), %d, 'ALL', 'NOTICE', '발행 중 공지', 'x', '{}', '%s')
                        RETURNING id""".formatted(noticeId, Instant.now().atOffset(ZoneOffset.UTC)));
                personal = CompletableFuture.supplyAsync(() -> Api.event(Api.unique("k"), "LIKE", user, "뒤이은 개인", "x")
                        .extract()
                        .statusCode());
                Thread.sleep(1500);
                assertFalse(personal.isDone(), "a personal item waits until the broadcast is committed");
                try (PreparedStatement notify =
                        c.prepareStatement("SELECT pg_notify('notify_inbox', 'test-replica *')")) {
                    notify.execute();
                }
                c.commit();
            }
            assertEquals(202, personal.get(20, TimeUnit.SECONDS));
            Sse.Event first = sse.next(WAIT);
            assertEquals("발행 중 공지", data(first).path("title").asText());
            assertEquals(Long.toString(broadcastId), first.id());
            Sse.Event second = sse.next(WAIT);
            assertEquals("뒤이은 개인", data(second).path("title").asText());
            assertTrue(Long.parseLong(second.id()) > broadcastId);
        }
    }

    private long count(String sql) {
        return db.single(sql, r -> r.getLong("count"));
    }

    private static long insertReturningId(Connection c, String sql) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
