package market.notify;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import market.common.db.Db;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class InternalEventApiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Db db;

    @Test
    void anEventBecomesAnInboxItemAndExactlyThisPushOnEveryDevice() throws Exception {
        String user = Api.unique("evt");
        String phone = Api.newToken("phone");
        String tablet = Api.newToken("tablet");
        Api.registerDevice(user, phone, "ANDROID").statusCode(201);
        Api.registerDevice(user, tablet, "IOS").statusCode(201);

        long id = Api.event(Api.unique("comment"), "COMMENT", user, "새 댓글", "아이폰 팔렸나요?")
                .statusCode(202)
                .body("duplicate", equalTo(false))
                .body("pushed", equalTo(true))
                .extract()
                .jsonPath()
                .getLong("notificationId");

        await().atMost(WAIT)
                .until(() -> Fcm.deliveredTo(phone).size() == 1
                        && Fcm.deliveredTo(tablet).size() == 1);
        JsonNode expected = JSON.readTree("""
                {"token":"%s","notification":{"title":"새 댓글","body":"아이폰 팔렸나요?"},
                 "data":{"productId":"42","type":"COMMENT","notificationId":"%d"}}""".formatted(phone, id));
        assertEquals(expected, Fcm.deliveredTo(phone).get(0));
        Api.inbox(user).body("items.id", contains((int) id)).body("unreadCount", equalTo(1));
    }

    @Test
    void theSameIdempotencyKeyTwiceIsDeliveredOnce() throws Exception {
        String user = Api.unique("idem");
        String phone = Api.newToken("phone");
        Api.registerDevice(user, phone, "ANDROID").statusCode(201);
        String key = Api.unique("outbox-row");

        long first = Api.event(key, "LIKE", user, "관심", "x")
                .statusCode(202)
                .extract()
                .jsonPath()
                .getLong("notificationId");
        Api.event(key, "LIKE", user, "관심", "x")
                .statusCode(202)
                .body("duplicate", equalTo(true))
                .body("notificationId", equalTo((int) first));

        await().atMost(WAIT).until(() -> Fcm.deliveredTo(phone).size() == 1);
        Thread.sleep(1000);
        assertEquals(1, Fcm.deliveredTo(phone).size());
        Api.inbox(user).body("items", hasSize(1));
        // Keys are per calling service: chat may use the same key for something else.
        given().auth()
                .oauth2(Tokens.service("chat-service"))
                .contentType(ContentType.JSON)
                .body(eventJson(key, "CHAT_MESSAGE", Tokens.idOf(user), "채팅", "안녕하세요"))
                .post("/internal/events")
                .then()
                .statusCode(202)
                .body("duplicate", equalTo(false));
    }

    @Test
    void settingsDecideWhatIsPushed() throws Exception {
        String user = Api.unique("quiet");
        String phone = Api.newToken("phone");
        Api.registerDevice(user, phone, "ANDROID").statusCode(201);
        Api.settings(user, false, true, false, false, false);

        Api.event(Api.unique("k"), "CHAT_MESSAGE", user, "채팅", "조용히")
                .statusCode(202)
                .body("pushed", equalTo(false));
        Api.event(Api.unique("k"), "KEYWORD_MATCH", user, "키워드", "조용히")
                .statusCode(202)
                .body("pushed", equalTo(false));
        // chat's price offer is a chat push: the chat setting silences it too
        Api.event(Api.unique("k"), "PRICE_OFFER", user, "가격 제안", "가격 제안: 400,000원")
                .statusCode(202)
                .body("pushed", equalTo(false));
        Api.event(Api.unique("k"), "PRICE_DROP", user, "가격 인하", "알림")
                .statusCode(202)
                .body("pushed", equalTo(true));

        await().atMost(WAIT).until(() -> Fcm.deliveredTo(phone).size() == 1);
        Thread.sleep(1000);
        List<JsonNode> got = Fcm.deliveredTo(phone);
        assertEquals(1, got.size());
        assertEquals("가격 인하", got.get(0).path("notification").path("title").asText());
        Api.inbox(user).body("items.type", contains("PRICE_DROP", "PRICE_OFFER", "KEYWORD_MATCH", "CHAT_MESSAGE"));
    }

    @Test
    void tradeEventsArePushedAndSilencedByTheActivitySetting() throws Exception {
        // product sends TRADE to the buyer on 예약중 and 거래완료.
        String buyer = Api.unique("buyer");
        String phone = Api.newToken("buyer");
        Api.registerDevice(buyer, phone, "ANDROID").statusCode(201);
        long reserved = Api.event(Api.unique("trade"), "TRADE", buyer, "예약중", "판매자가 예약중으로 바꿨어요")
                .statusCode(202)
                .body("duplicate", equalTo(false))
                .body("pushed", equalTo(true))
                .extract()
                .jsonPath()
                .getLong("notificationId");
        await().atMost(WAIT).until(() -> Fcm.deliveredTo(phone).size() == 1);
        assertEquals(
                "TRADE", Fcm.deliveredTo(phone).get(0).path("data").path("type").asText());
        assertEquals(
                Long.toString(reserved),
                Fcm.deliveredTo(phone)
                        .get(0)
                        .path("data")
                        .path("notificationId")
                        .asText());

        Api.settings(buyer, true, false, true, false, false);
        Api.event(Api.unique("trade"), "TRADE", buyer, "거래완료", "거래가 완료됐어요")
                .statusCode(202)
                .body("pushed", equalTo(false));
        Thread.sleep(1000);
        assertEquals(1, Fcm.deliveredTo(phone).size(), "activity off silences TRADE pushes");
        Api.inbox(buyer).body("items.type", contains("TRADE", "TRADE")).body("items.title", contains("거래완료", "예약중"));
    }

    @Test
    void theOutcomeOfAReportLandsInTheInboxAndActivityOffSilencesItsPush() {
        String reporter = Api.unique("reporter");
        Api.settings(reporter, true, false, true, false, false).statusCode(200);
        Api.event(Api.unique("report-result"), "REPORT_RESULT", reporter, "신고 처리 결과", "해당 게시글을 숨겼어요.")
                .statusCode(202)
                .body("pushed", equalTo(false));
        Api.inbox(reporter).body("items.type", contains("REPORT_RESULT")).body("items.title", contains("신고 처리 결과"));
    }

    @Test
    void tokensFcmCallsDeadAreDeletedAndTheRestStillGetIt() {
        String user = Api.unique("prune");
        String alive = Api.newToken("alive");
        String gone = Api.newToken("gone");
        String bogus = Api.newToken("bogus");
        Api.registerDevice(user, alive, "ANDROID").statusCode(201);
        Api.registerDevice(user, gone, "ANDROID").statusCode(201);
        Api.registerDevice(user, bogus, "WEB").statusCode(201);
        Fcm.unregister(gone);
        Fcm.invalidate(bogus);

        Api.event(Api.unique("k"), "REVIEW", user, "거래 후기", "후기가 도착했어요").statusCode(202);
        await().atMost(WAIT).until(() -> Fcm.deliveredTo(alive).size() == 1);
        await().atMost(WAIT).untilAsserted(() -> {
            given().auth()
                    .oauth2(Tokens.user(user))
                    .delete("/api/devices/" + gone)
                    .then()
                    .statusCode(404);
            given().auth()
                    .oauth2(Tokens.user(user))
                    .delete("/api/devices/" + bogus)
                    .then()
                    .statusCode(404);
        });
        assertEquals(404, Fcm.toToken(gone).get(0).path("status").asInt());
        assertEquals(400, Fcm.toToken(bogus).get(0).path("status").asInt());

        // The next push goes only to the device that is left.
        Api.event(Api.unique("k"), "REVIEW", user, "거래 후기 2", "x").statusCode(202);
        await().atMost(WAIT).until(() -> Fcm.deliveredTo(alive).size() == 2);
        assertEquals(1, Fcm.toToken(gone).size());
        assertEquals(1, Fcm.toToken(bogus).size());
    }

    @Test
    void a503IsRetriedUntilFcmTakesIt() {
        String user = Api.unique("retry");
        String phone = Api.newToken("phone");
        Api.registerDevice(user, phone, "ANDROID").statusCode(201);
        await().atMost(WAIT).until(() -> Fcm.topic("notices").contains(phone));

        Fcm.failNext(3);
        Api.event(Api.unique("k"), "CHAT_MESSAGE", user, "채팅", "잠깐 장애").statusCode(202);
        await().atMost(WAIT).until(() -> Fcm.deliveredTo(phone).size() == 1);
        assertEquals(
                List.of(503, 503, 503, 200),
                Fcm.toToken(phone).stream().map(r -> r.path("status").asInt()).toList());
    }

    @Test
    void anFcmOutageDelaysPushesButLosesNone() throws Exception {
        String user = Api.unique("outage");
        String phone = Api.newToken("phone");
        Api.registerDevice(user, phone, "ANDROID").statusCode(201);
        await().atMost(WAIT).until(() -> Fcm.topic("notices").contains(phone));

        Fcm.failNext(100_000, 500);
        try {
            Api.event(Api.unique("k"), "CHAT_MESSAGE", user, "채팅", "FCM 장애 중").statusCode(202);
            Api.event(Api.unique("k"), "COMMENT", user, "댓글", "FCM 장애 중").statusCode(202);
            // The relay keeps trying (fault-tolerance retries, then outbox backoff) and nothing is dropped.
            await().atMost(WAIT).until(() -> Fcm.toToken(phone).size() >= 8);
            assertEquals(0, Fcm.deliveredTo(phone).size());
        } finally {
            Fcm.failNext(0);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Fcm.deliveredTo(phone).size() == 2);
        Thread.sleep(1500);
        assertEquals(
                List.of("채팅", "댓글"),
                Fcm.deliveredTo(phone).stream()
                        .map(m -> m.path("notification").path("title").asText())
                        .sorted(java.util.Comparator.reverseOrder())
                        .toList());
    }

    @Test
    void numbersAndFlagsInDataArriveAsStrings() {
        String user = Api.unique("numbers");
        given().auth()
                .oauth2(Tokens.service("product-service"))
                .contentType(ContentType.JSON)
                .body("""
                        {"idempotencyKey":"%s","type":"PRICE_DROP","recipientId":"%s","title":"관심상품 가격 인하",
                         "body":"자전거 50000원 → 40000원","data":{"productId":42,"price":40000,"negotiable":true}}""".formatted(Api.unique("pd"), Tokens.idOf(user)))
                .post("/internal/events")
                .then()
                .statusCode(202);
        Api.inbox(user)
                .body("items[0].data.productId", equalTo("42"))
                .body("items[0].data.price", equalTo("40000"))
                .body("items[0].data.negotiable", equalTo("true"));
    }

    @Test
    void pushesAcceptedBeforeARestartOrLeasedByADeadRelayAreStillSent() throws Exception {
        String user = Api.unique("restart");
        String phone = Api.newToken("phone");
        Api.registerDevice(user, phone, "ANDROID").statusCode(201);
        await().atMost(WAIT).until(() -> Fcm.topic("notices").contains(phone));
        // As the outbox looks after a crash: one row never tried, one leased by a relay that died mid-send.
        String insert = """
                INSERT INTO push_outbox (kind, user_id, title, body, data, attempts, next_attempt_at, created_at)
                VALUES ('USER', ?, ?, 'x', '{}', ?, now() - interval '1 second', now() - interval '10 minutes')""";
        db.update(insert, Tokens.idOf(user), "before restart", 0);
        db.update(insert, Tokens.idOf(user), "lease expired", 1);
        await().atMost(WAIT).until(() -> Fcm.deliveredTo(phone).size() == 2);
    }

    @Test
    void onlyServicesMaySendEvents() {
        String user = Api.unique("auth");
        String body = eventJson(Api.unique("k"), "LIKE", Tokens.idOf(user), "관심", "x");
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/internal/events")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.user(user))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/internal/events")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.admin("root"))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/internal/events")
                .then()
                .statusCode(403);
        Api.inbox(user).body("items", hasSize(0));
    }

    /** A body, for the recipient id given, that the API refuses with a 400 problem. */
    static Arguments badEvent(String name, Function<String, String> body) {
        return Arguments.of(name, body);
    }

    static Stream<Arguments> badEvents() {
        return Stream.of(
                badEvent("malformed JSON", rid -> "{\"idempotencyKey\":"),
                badEvent("unknown type", rid -> eventJson(Api.unique("k"), "BIRTHDAY", rid, "t", "b")),
                badEvent("empty idempotency key", rid -> eventJson("", "LIKE", rid, "t", "b")),
                badEvent("empty recipient", rid -> eventJson(Api.unique("k"), "LIKE", "", "t", "b")),
                badEvent("empty title", rid -> eventJson(Api.unique("k"), "LIKE", rid, "", "b")),
                badEvent(
                        "title of 201 characters",
                        rid -> eventJson(Api.unique("k"), "LIKE", rid, "t".repeat(201), "b")),
                badEvent(
                        "body of 10000 characters",
                        rid -> eventJson(Api.unique("k"), "LIKE", rid, "t", "b".repeat(10_000))),
                badEvent("idempotency key of 151 characters", rid -> eventJson("k".repeat(151), "LIKE", rid, "t", "b")),
                badEvent(
                        "data value is an object",
                        rid ->
                                "{\"idempotencyKey\":\"a1\",\"type\":\"LIKE\",\"recipientId\":\"%s\",\"title\":\"t\",\"body\":\"b\",\"data\":{\"n\":{\"x\":1}}}"
                                        .formatted(rid)),
                badEvent(
                        "data value is an array",
                        rid ->
                                "{\"idempotencyKey\":\"a6\",\"type\":\"LIKE\",\"recipientId\":\"%s\",\"title\":\"t\",\"body\":\"b\",\"data\":{\"n\":[1]}}"
                                        .formatted(rid)),
                badEvent(
                        "data value is null",
                        rid ->
                                "{\"idempotencyKey\":\"a7\",\"type\":\"LIKE\",\"recipientId\":\"%s\",\"title\":\"t\",\"body\":\"b\",\"data\":{\"n\":null}}"
                                        .formatted(rid)),
                badEvent(
                        "data value of 1001 characters",
                        rid ->
                                "{\"idempotencyKey\":\"a8\",\"type\":\"LIKE\",\"recipientId\":\"%s\",\"title\":\"t\",\"body\":\"b\",\"data\":{\"n\":\"%s\"}}"
                                        .formatted(rid, "v".repeat(1001))),
                badEvent(
                        "data key reserved by FCM",
                        rid ->
                                "{\"idempotencyKey\":\"a2\",\"type\":\"LIKE\",\"recipientId\":\"%s\",\"title\":\"t\",\"body\":\"b\",\"data\":{\"from\":\"x\"}}"
                                        .formatted(rid)),
                badEvent(
                        "data is a string",
                        rid ->
                                "{\"idempotencyKey\":\"a3\",\"type\":\"LIKE\",\"recipientId\":\"%s\",\"title\":\"t\",\"body\":\"b\",\"data\":\"x\"}"
                                        .formatted(rid)),
                badEvent(
                        "unknown field",
                        rid ->
                                "{\"idempotencyKey\":\"a4\",\"type\":\"LIKE\",\"recipientId\":\"%s\",\"title\":\"t\",\"body\":\"b\",\"extra\":1}"
                                        .formatted(rid)),
                badEvent(
                        "missing body",
                        rid -> "{\"idempotencyKey\":\"a5\",\"type\":\"LIKE\",\"recipientId\":\"%s\",\"title\":\"t\"}"
                                .formatted(rid)),
                badEvent(
                        "idempotency key is a number",
                        rid ->
                                "{\"idempotencyKey\":7,\"type\":\"LIKE\",\"recipientId\":\"%s\",\"title\":\"t\",\"body\":\"b\"}"
                                        .formatted(rid)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEvents")
    void badEventsAreRejectedAndStoreNothing(String name, Function<String, String> body) {
        String user = Api.unique("evt-bad");
        given().auth()
                .oauth2(Tokens.service("product-service"))
                .contentType(ContentType.JSON)
                .body(body.apply(Tokens.idOf(user)))
                .post("/internal/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
        Api.inbox(user).body("items", hasSize(0));
    }

    static String eventJson(String key, String type, String recipientId, String title, String body) {
        return """
                {"idempotencyKey":"%s","type":"%s","recipientId":"%s","title":"%s","body":"%s","data":{}}""".formatted(key, type, recipientId, title, body);
    }
}
