package market.notify;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import market.testing.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class AdminNoticeApiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = Tokens.admin("root");

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static ValidatableResponse post(String json) {
        return given().auth()
                .oauth2(ADMIN)
                .contentType(ContentType.JSON)
                .body(json)
                .post("/api/admin/notices")
                .then();
    }

    private static ValidatableResponse get(long id) {
        return given().auth()
                .oauth2(ADMIN)
                .get("/api/admin/notices/" + id)
                .then()
                .statusCode(200);
    }

    private static Instant kst(String local) {
        return OffsetDateTime.parse(local + "+09:00").toInstant();
    }

    private static List<String> inboxTitles(String user) {
        return Api.inbox(user).extract().jsonPath().getList("items.title");
    }

    @Test
    void aNoticeReachesTheTopicEveryInboxAndThePublicList() throws Exception {
        String reader = Api.unique("reader");
        String phone = Api.newToken("phone");
        Api.registerDevice(reader, phone, "ANDROID").statusCode(201);
        Api.inbox(Api.unique("no-device")).statusCode(200);

        long id =
                post("{\"type\":\"NOTICE\",\"title\":\"서비스 점검 안내\",\"body\":\"11월 30일 02:00-04:00\",\"link\":\"https://ddangn.example/notice/1\"}")
                        .statusCode(202)
                        .header("Location", org.hamcrest.Matchers.containsString("/api/admin/notices/"))
                        .body("status", equalTo("SENDING"))
                        .body("type", equalTo("NOTICE"))
                        .extract()
                        .jsonPath()
                        .getLong("id");

        await().atMost(WAIT).until(() -> "SENT".equals(get(id).extract().path("status")));
        List<JsonNode> topic = Fcm.topicMessages("notices", id);
        assertEquals(1, topic.size());
        assertEquals(JSON.readTree("""
                {"topic":"notices","notification":{"title":"서비스 점검 안내","body":"11월 30일 02:00-04:00"},
                 "data":{"type":"NOTICE","noticeId":"%d","link":"https://ddangn.example/notice/1"}}""".formatted(id)), topic.get(0));
        int targeted = get(id).extract().path("stats.targeted");
        assertTrue(targeted >= 2, "every known user, got " + targeted);
        get(id).body("stats.sent", equalTo(targeted))
                .body("stats.failed", equalTo(0))
                .body("sentAt", notNullValue());

        assertTrue(inboxTitles(reader).contains("서비스 점검 안내"));
        given().get("/api/notices")
                .then()
                .statusCode(200)
                .body("items.id", hasItem((int) id))
                .body("items.find { it.id == %d }.publishedAt".formatted(id), notNullValue());
        given().auth()
                .oauth2(ADMIN)
                .get("/api/admin/notices")
                .then()
                .statusCode(200)
                .body("items.id", hasItem((int) id));
    }

    @Test
    void aScheduledNoticeWaitsAndCanBeCancelledOnlyWhileScheduled() {
        Instant later = Instant.now().plus(Duration.ofHours(1));
        long cancelled = post("{\"type\":\"NOTICE\",\"title\":\"예약\",\"body\":\"취소될 공지\",\"scheduledAt\":\"" + later
                        + "\"}")
                .statusCode(202)
                .body("status", equalTo("SCHEDULED"))
                .extract()
                .jsonPath()
                .getLong("id");
        given().auth()
                .oauth2(ADMIN)
                .delete("/api/admin/notices/" + cancelled)
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"));
        given().auth()
                .oauth2(ADMIN)
                .delete("/api/admin/notices/" + cancelled)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");

        String user = Api.unique("sched");
        Api.inbox(user);
        // Due in a few seconds of real time: a notice published at a clock moved ahead would carry a future
        // publication time and show in the inbox of every user of later tests (inboxes are read, not filled).
        Instant soon = Instant.now().plusSeconds(4);
        long scheduled = post("{\"type\":\"NOTICE\",\"title\":\"예약 공지\",\"body\":\"곧\",\"scheduledAt\":\"" + soon
                        + "\"}")
                .statusCode(202)
                .body("status", equalTo("SCHEDULED"))
                .extract()
                .jsonPath()
                .getLong("id");
        await().atMost(WAIT).until(() -> "SENT".equals(get(scheduled).extract().path("status")));
        assertFalse(
                Instant.parse(get(scheduled).extract().<String>path("sentAt")).isBefore(soon), "not before it was due");
        assertTrue(inboxTitles(user).contains("예약 공지"));
        assertFalse(inboxTitles(user).contains("예약"), "the cancelled one never went out");
        assertEquals(0, Fcm.topicMessages("notices", cancelled).size());
        given().auth()
                .oauth2(ADMIN)
                .delete("/api/admin/notices/" + scheduled)
                .then()
                .statusCode(409);
        given().given().get("/api/notices").then().body("items.id", not(hasItem((int) cancelled)));

        given().auth()
                .oauth2(ADMIN)
                .get("/api/admin/notices/999999999")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(ADMIN).delete("/api/admin/notices/abc").then().statusCode(404);
    }

    @Test
    void adsByDayGoToTheAdsTopicAndOnlyConsentingInboxes() throws Exception {
        clock.setTo(kst("2026-11-25T12:00:00"));
        String fan = Api.unique("ad-fan");
        String refuser = Api.unique("ad-no");
        Api.settings(fan, true, true, true, true, false);
        Api.inbox(refuser);

        long id = post("{\"type\":\"AD\",\"title\":\"겨울 할인\",\"body\":\"최대 50%\"}")
                .statusCode(202)
                .extract()
                .jsonPath()
                .getLong("id");
        await().atMost(WAIT).until(() -> Fcm.topicMessages("ads", id).size() == 1);
        JsonNode m = Fcm.topicMessages("ads", id).get(0);
        assertEquals("(광고) 겨울 할인", m.path("notification").path("title").asText());
        assertTrue(m.path("notification").path("body").asText().startsWith("최대 50%\n수신거부"));
        assertTrue(inboxTitles(fan).contains("(광고) 겨울 할인"));
        assertFalse(inboxTitles(refuser).contains("(광고) 겨울 할인"));
        assertEquals(0, Fcm.topicMessages("notices", id).size());
        given().get("/api/notices").then().body("items.id", not(hasItem((int) id)));
        Api.settings(fan, true, true, true, false, false);
    }

    @Test
    void adsAtNightReachOnlyNightConsentAndTheRestAtEightKst() {
        clock.setTo(kst("2026-11-25T22:00:00"));
        String owl = Api.unique("ad-owl");
        String lark = Api.unique("ad-lark");
        String none = Api.unique("ad-none");
        String owlPhone = Api.newToken("owl");
        String larkPhone = Api.newToken("lark");
        String nonePhone = Api.newToken("none");
        Api.registerDevice(owl, owlPhone, "ANDROID").statusCode(201);
        Api.registerDevice(lark, larkPhone, "IOS").statusCode(201);
        Api.registerDevice(none, nonePhone, "ANDROID").statusCode(201);
        Api.settings(owl, true, true, true, true, true);
        Api.settings(lark, true, true, true, true, false);

        long id = post("{\"type\":\"AD\",\"title\":\"야간 특가\",\"body\":\"오늘 밤만\"}")
                .statusCode(202)
                .extract()
                .jsonPath()
                .getLong("id");
        await().atMost(WAIT).until(() -> Fcm.deliveredTo(owlPhone).size() == 1);
        assertEquals(
                "(광고) 야간 특가",
                Fcm.deliveredTo(owlPhone)
                        .get(0)
                        .path("notification")
                        .path("title")
                        .asText());
        get(id).body("status", equalTo("SENDING")).body("heldUntil", startsWith("2026-11-25T23:00:00"));
        assertTrue(inboxTitles(owl).contains("(광고) 야간 특가"));
        assertFalse(inboxTitles(lark).contains("(광고) 야간 특가"), "held at night without night consent");
        assertEquals(0, Fcm.toToken(larkPhone).size());
        assertEquals(0, Fcm.topicMessages("ads", id).size(), "no topic send at night");

        clock.setTo(kst("2026-11-26T08:00:01"));
        await().atMost(WAIT).until(() -> Fcm.deliveredTo(larkPhone).size() == 1);
        await().atMost(WAIT).until(() -> "SENT".equals(get(id).extract().path("status")));
        assertTrue(inboxTitles(lark).contains("(광고) 야간 특가"));
        assertEquals(1, Fcm.deliveredTo(owlPhone).size(), "night consenters do not get it twice");
        assertEquals(0, Fcm.toToken(nonePhone).size(), "never without consent");
        assertFalse(inboxTitles(none).contains("(광고) 야간 특가"));
        int targeted = get(id).extract().path("stats.targeted");
        get(id).body("stats.sent", equalTo(targeted));
        Api.settings(owl, true, true, true, false, false);
        Api.settings(lark, true, true, true, false, false);
    }

    /** A notice the API refuses with a 400 problem; {@code field}: the field it names, where the case pins it. */
    static Arguments badNotice(String name, Supplier<String> body, String field) {
        return Arguments.of(name, body, field);
    }

    static Arguments badNotice(String name, Supplier<String> body) {
        return badNotice(name, body, null);
    }

    static Stream<Arguments> badNotices() {
        Supplier<String> past = () -> Instant.now().minus(Duration.ofMinutes(5)).toString();
        return Stream.of(
                badNotice("malformed JSON", () -> "{\"type\":\"NOTICE\",\"title\":"),
                badNotice("unknown type", () -> "{\"type\":\"PROMO\",\"title\":\"t\",\"body\":\"b\"}", "type"),
                badNotice("empty title", () -> "{\"type\":\"NOTICE\",\"title\":\"\",\"body\":\"b\"}"),
                badNotice("blank title", () -> "{\"type\":\"NOTICE\",\"title\":\"   \",\"body\":\"b\"}"),
                badNotice(
                        "title of 101 characters",
                        () -> "{\"type\":\"NOTICE\",\"title\":\"" + "t".repeat(101) + "\",\"body\":\"b\"}"),
                badNotice(
                        "body of 10000 characters",
                        () -> "{\"type\":\"NOTICE\",\"title\":\"t\",\"body\":\"" + "b".repeat(10_000) + "\"}"),
                badNotice("missing body", () -> "{\"type\":\"NOTICE\",\"title\":\"t\"}"),
                badNotice("missing type", () -> "{\"title\":\"t\",\"body\":\"b\"}"),
                badNotice(
                        "scheduledAt in the past",
                        () -> "{\"type\":\"NOTICE\",\"title\":\"t\",\"body\":\"b\",\"scheduledAt\":\"" + past.get()
                                + "\"}",
                        "scheduledAt"),
                badNotice(
                        "scheduledAt is no time",
                        () -> "{\"type\":\"NOTICE\",\"title\":\"t\",\"body\":\"b\",\"scheduledAt\":\"tomorrow\"}"),
                badNotice(
                        "scheduledAt is a number",
                        () -> "{\"type\":\"NOTICE\",\"title\":\"t\",\"body\":\"b\",\"scheduledAt\":12}"),
                badNotice(
                        "javascript: link",
                        () -> "{\"type\":\"NOTICE\",\"title\":\"t\",\"body\":\"b\",\"link\":\"javascript:alert(1)\"}"),
                badNotice(
                        "unknown field audience",
                        () -> "{\"type\":\"NOTICE\",\"title\":\"t\",\"body\":\"b\",\"audience\":\"all\"}"),
                badNotice("title is a number", () -> "{\"type\":\"NOTICE\",\"title\":1,\"body\":\"b\"}"),
                badNotice("a JSON array", () -> "[]"),
                badNotice("null", () -> "null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badNotices")
    void badNoticesAreRejectedAndNothingIsStored(String name, Supplier<String> body, String field) {
        int before = adminNoticeCount();
        ValidatableResponse r = post(body.get())
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
        if (field != null) {
            r.body("errors[0].field", equalTo(field));
        }
        assertEquals(before, adminNoticeCount());
    }

    private static int adminNoticeCount() {
        return given().auth()
                .oauth2(ADMIN)
                .queryParam("size", 100)
                .get("/api/admin/notices")
                .then()
                .extract()
                .jsonPath()
                .getList("items")
                .size();
    }

    @Test
    void onlyAdminsComposeOrSeeNotices() {
        String body = "{\"type\":\"NOTICE\",\"title\":\"t\",\"body\":\"b\"}";
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/admin/notices")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.user("alice"))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/admin/notices")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.service("product-service"))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/admin/notices")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.user("alice"))
                .get("/api/admin/notices")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.user("alice"))
                .get("/api/admin/notices/1")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.user("alice"))
                .delete("/api/admin/notices/1")
                .then()
                .statusCode(403);
        given().get("/api/notices").then().statusCode(200);
    }
}
