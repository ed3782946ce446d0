package market.product;

import static io.restassured.RestAssured.given;
import static market.product.Api.as;
import static market.product.Api.create;
import static market.product.Api.json;
import static market.product.Api.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import market.common.db.Db;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** 신고하기, the admins' moderation queue and actions, the moderation log, suspensions and hidden listings. */
@QuarkusTest
class ModerationApiTest {

    @Inject
    Db db;

    private static String user(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(Tokens.admin("moderator")).contentType(ContentType.JSON);
    }

    private static String report(String type, String targetId, String reason, String text) {
        return "{\"targetType\":\"" + type + "\",\"targetId\":" + Api.quote(targetId) + ",\"reason\":\"" + reason + "\""
                + (text == null ? "" : ",\"text\":" + Api.quote(text)) + "}";
    }

    private static long fileReport(String reporter, String type, String targetId) {
        return ((Number) json(reporter)
                        .body(report(type, targetId, "FRAUD", "선입금을 요구해요"))
                        .post("/api/reports")
                        .then()
                        .statusCode(201)
                        .contentType(ContentType.JSON)
                        .extract()
                        .path("id"))
                .longValue();
    }

    private long reportsBy(String username) {
        return db.single(
                "SELECT count(*) AS n FROM report WHERE reporter_id = ?", r -> r.getLong("n"), Tokens.idOf(username));
    }

    private String statusOf(long reportId) {
        return db.single("SELECT status FROM report WHERE id = ?", r -> r.string("status"), reportId);
    }

    private static void me(String username) {
        as(username).get("/api/me").then().statusCode(200);
    }

    private static long comment(String author, long productId, String content) {
        return ((Number) json(author)
                        .body("{\"content\":" + Api.quote(content) + "}")
                        .post("/api/products/" + productId + "/comments")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
    }

    private static io.restassured.response.ValidatableResponse act(long reportId, String action) {
        return admin().body("{\"action\":\"" + action + "\",\"note\":\"확인함\"}")
                .post("/api/admin/reports/" + reportId + "/actions")
                .then();
    }

    // ---------------------------------------------------------------- authz

    static Stream<Arguments> adminRoutes() {
        return Stream.of(
                Arguments.of("GET", "/api/admin/reports", null),
                Arguments.of("POST", "/api/admin/reports/1/actions", "{\"action\":\"DISMISS\"}"),
                Arguments.of("GET", "/api/admin/moderation-log", null),
                Arguments.of("GET", "/api/admin/prohibited-words", null),
                Arguments.of("POST", "/api/admin/prohibited-words", "{\"word\":\"권한없음\"}"),
                Arguments.of("DELETE", "/api/admin/prohibited-words/1", null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminRoutes")
    void adminRoutesAre401ForAnonymousAnd403ForUsers(String method, String path, String body) {
        RequestSpecification anon = given().contentType(ContentType.JSON);
        RequestSpecification user = json("plain-user");
        if (body != null) {
            anon.body(body);
            user.body(body);
        }
        problem(anon.request(method, path).then(), 401);
        problem(user.request(method, path).then(), 403);
        problem(
                given().auth()
                        .oauth2(Tokens.service("chat-service"))
                        .contentType(ContentType.JSON)
                        .body(body == null ? "" : body)
                        .request(method, path)
                        .then(),
                403);
        long words = db.single("SELECT count(*) AS n FROM prohibited_word WHERE display = '권한없음'", r -> r.getLong("n"));
        assertEquals(0, words);
    }

    @Test
    void reportingNeedsAUser() {
        String seller = user("seller");
        long id = create(seller, Api.uniqueRegion());
        problem(
                given().contentType(ContentType.JSON)
                        .body(report("LISTING", Long.toString(id), "SPAM", null))
                        .post("/api/reports")
                        .then(),
                401);
        problem(
                given().auth()
                        .oauth2(Tokens.forged("someone"))
                        .contentType(ContentType.JSON)
                        .body(report("LISTING", Long.toString(id), "SPAM", null))
                        .post("/api/reports")
                        .then(),
                401);
        assertEquals(0L, (long) db.single(
                "SELECT count(*) AS n FROM report WHERE target_id = ?", r -> r.getLong("n"), Long.toString(id)));
    }

    // ---------------------------------------------------------------- reports

    @Test
    void aListingReportIsQueuedHiddenByAnAdminAndTheReporterIsTold() {
        String seller = user("seller");
        String reporter = user("reporter");
        String other = user("other");
        String region = Api.uniqueRegion();
        long id = create(seller, "수상한 아이폰", 1000, "DIGITAL", region);

        long reportId = fileReport(reporter, "LISTING", Long.toString(id));
        // a repeat answers the open report
        json(reporter)
                .body(report("LISTING", Long.toString(id), "SPAM", null))
                .post("/api/reports")
                .then()
                .statusCode(200)
                .body("id", equalTo((int) reportId))
                .body("reason", equalTo("FRAUD"))
                .body("status", equalTo("OPEN"));
        long second = fileReport(other, "LISTING", Long.toString(id));
        assertEquals(2, (long) db.single(
                "SELECT count(*) AS n FROM report WHERE target_type = 'LISTING' AND target_id = ?",
                r -> r.getLong("n"),
                Long.toString(id)));

        JsonPath queue = admin().get("/api/admin/reports?status=OPEN&size=100")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Integer> ids = queue.getList("items.id");
        int at = ids.indexOf((int) reportId);
        assertTrue(at >= 0, "the report is queued");
        assertEquals("수상한 아이폰", queue.getString("items[" + at + "].targetSummary"));
        assertEquals(Tokens.idOf(seller), queue.getString("items[" + at + "].targetOwner.id"));
        assertEquals(Tokens.idOf(reporter), queue.getString("items[" + at + "].reporter.id"));
        assertEquals(2, queue.getInt("items[" + at + "].reportsOnTarget"));
        assertEquals("선입금을 요구해요", queue.getString("items[" + at + "].text"));

        act(reportId, "HIDE_LISTING")
                .statusCode(200)
                .body("action", equalTo("HIDE_LISTING"))
                .body("targetId", equalTo(Long.toString(id)))
                .body("admin.id", equalTo(Tokens.idOf("moderator")))
                .body("note", equalTo("확인함"));
        assertEquals("RESOLVED", statusOf(reportId));
        assertEquals("RESOLVED", statusOf(second), "every open report of the target is closed");

        // gone for everyone but its seller (and admins)
        problem(given().get("/api/products/" + id).then(), 404);
        problem(as(reporter).get("/api/products/" + id).then(), 404);
        problem(as(reporter).put("/api/products/" + id + "/like").then(), 404);
        problem(
                json(reporter)
                        .body("{\"content\":\"아직 있나요?\"}")
                        .post("/api/products/" + id + "/comments")
                        .then(),
                404);
        as(seller).get("/api/products/" + id).then().statusCode(200).body("hidden", equalTo(true));
        admin().get("/api/products/" + id).then().statusCode(200).body("hidden", equalTo(true));
        given().queryParam("regionCode", region)
                .queryParam("range", 0)
                .get("/api/products")
                .then()
                .body("items.size()", equalTo(0));
        given().queryParam("q", "수상한")
                .queryParam("regionCode", region)
                .queryParam("range", 0)
                .get("/api/products")
                .then()
                .body("items.size()", equalTo(0));
        given().queryParam("sellerId", Tokens.idOf(seller))
                .get("/api/products")
                .then()
                .body("items.size()", equalTo(0));
        as(seller)
                .get("/api/me/products")
                .then()
                .body("items[0].id", equalTo((int) id))
                .body("items[0].hidden", equalTo(true));

        // the outcome waits in the outbox for each reporter
        for (String who : List.of(reporter, other)) {
            List<String> bodies = db.list(
                    "SELECT body FROM outbox_event WHERE recipient_id = ? AND type = 'REPORT_RESULT'",
                    r -> r.string("body"),
                    Tokens.idOf(who));
            assertEquals(1, bodies.size(), who);
            assertTrue(bodies.get(0).contains("게시글을 숨겼어요"), bodies.get(0));
        }
        admin().get("/api/admin/reports?status=RESOLVED&size=100").then().body("items.id", hasItem((int) reportId));
        admin().get("/api/admin/moderation-log?size=100").then().statusCode(200).body("items.reportId", hasItem((int)
                reportId));
        // acting again on a closed report
        problem(act(second, "DISMISS"), 409);
    }

    @Test
    void theQueueIsKeysetPaged() {
        String seller = user("seller");
        String reporter = user("pager");
        String region = Api.uniqueRegion();
        for (int i = 0; i < 3; i++) {
            fileReport(reporter, "LISTING", Long.toString(create(seller, region)));
        }
        List<Integer> seen = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification req = admin().queryParam("size", 1);
            if (cursor != null) {
                req.queryParam("cursor", cursor);
            }
            JsonPath page = req.get("/api/admin/reports")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null && seen.size() < 10_000);
        assertEquals(seen.stream().distinct().count(), seen.size(), "no report twice");
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) < seen.get(i - 1), "newest first");
        }
        problem(admin().get("/api/admin/reports?status=CLOSED").then(), 400);
        problem(admin().get("/api/admin/reports?cursor=nonsense").then(), 400);
    }

    record BadReport(String body, int status, String field) {}

    static Stream<Arguments> badReports() {
        return Stream.of(
                Arguments.of("malformed JSON", new BadReport("{\"targetType\":", 400, null)),
                Arguments.of(
                        "unknown field",
                        new BadReport(
                                "{\"targetType\":\"LISTING\",\"targetId\":\"%L\",\"reason\":\"SPAM\",\"extra\":1}",
                                400, null)),
                Arguments.of(
                        "no targetType", new BadReport("{\"targetId\":\"%L\",\"reason\":\"SPAM\"}", 400, "targetType")),
                Arguments.of(
                        "unknown targetType",
                        new BadReport(
                                "{\"targetType\":\"PHOTO\",\"targetId\":\"%L\",\"reason\":\"SPAM\"}",
                                400, "targetType")),
                Arguments.of(
                        "targetId as a number",
                        new BadReport(
                                "{\"targetType\":\"LISTING\",\"targetId\":%L,\"reason\":\"SPAM\"}", 400, "targetId")),
                Arguments.of(
                        "blank targetId",
                        new BadReport(
                                "{\"targetType\":\"LISTING\",\"targetId\":\" \",\"reason\":\"SPAM\"}",
                                400,
                                "targetId")),
                Arguments.of(
                        "listing id not a number",
                        new BadReport(
                                "{\"targetType\":\"LISTING\",\"targetId\":\"abc\",\"reason\":\"SPAM\"}",
                                400,
                                "targetId")),
                Arguments.of(
                        "no reason", new BadReport("{\"targetType\":\"LISTING\",\"targetId\":\"%L\"}", 400, "reason")),
                Arguments.of(
                        "unknown reason",
                        new BadReport(
                                "{\"targetType\":\"LISTING\",\"targetId\":\"%L\",\"reason\":\"UGLY\"}", 400, "reason")),
                Arguments.of(
                        "OTHER without text",
                        new BadReport(
                                "{\"targetType\":\"LISTING\",\"targetId\":\"%L\",\"reason\":\"OTHER\"}", 400, "text")),
                Arguments.of(
                        "text of 1001",
                        new BadReport(
                                "{\"targetType\":\"LISTING\",\"targetId\":\"%L\",\"reason\":\"SPAM\",\"text\":\""
                                        + "가".repeat(1001) + "\"}",
                                400,
                                "text")),
                Arguments.of(
                        "text with a control character",
                        new BadReport(
                                "{\"targetType\":\"LISTING\",\"targetId\":\"%L\",\"reason\":\"SPAM\",\"text\":\"a\\u0007\"}",
                                400, "text")),
                Arguments.of(
                        "no such listing",
                        new BadReport(
                                "{\"targetType\":\"LISTING\",\"targetId\":\"987654321\",\"reason\":\"SPAM\"}",
                                404,
                                null)),
                Arguments.of(
                        "no such comment",
                        new BadReport(
                                "{\"targetType\":\"COMMENT\",\"targetId\":\"987654321\",\"reason\":\"SPAM\"}",
                                404,
                                null)),
                Arguments.of(
                        "no such user",
                        new BadReport(
                                "{\"targetType\":\"USER\",\"targetId\":\"nobody-here\",\"reason\":\"SPAM\"}",
                                404,
                                null)),
                Arguments.of(
                        "no such message",
                        new BadReport(
                                "{\"targetType\":\"MESSAGE\",\"targetId\":\"987654321\",\"reason\":\"SPAM\"}",
                                404,
                                null)),
                Arguments.of(
                        "my own listing",
                        new BadReport(
                                "{\"targetType\":\"LISTING\",\"targetId\":\"%MINE\",\"reason\":\"SPAM\"}", 422, null)),
                Arguments.of(
                        "myself",
                        new BadReport(
                                "{\"targetType\":\"USER\",\"targetId\":\"%ME\",\"reason\":\"ABUSE\"}", 422, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badReports")
    void badReportsAreRefusedAndStoreNothing(String name, BadReport bad) {
        String reporter = user("bad-reporter");
        me(reporter);
        long listing = create(user("seller"), Api.uniqueRegion());
        long mine = create(reporter, Api.uniqueRegion());
        String body = bad.body()
                .replace("%MINE", Long.toString(mine))
                .replace("%ME", Tokens.idOf(reporter))
                .replace("%L", Long.toString(listing));
        var r = problem(json(reporter).body(body).post("/api/reports").then(), bad.status());
        if (bad.field() != null) {
            r.body("errors.field", hasItem(bad.field()));
        }
        assertEquals(0, reportsBy(reporter));
    }

    @Test
    void commentsAreReportedAndDeletedByAnAdmin() {
        String seller = user("seller");
        String author = user("rude");
        String reporter = user("reporter");
        long id = create(seller, Api.uniqueRegion());
        long commentId = comment(author, id, "사기꾼 아니에요?");
        problem(
                json(author)
                        .body(report("COMMENT", Long.toString(commentId), "ABUSE", null))
                        .post("/api/reports")
                        .then(),
                422);
        long reportId = fileReport(reporter, "COMMENT", Long.toString(commentId));
        // an action for another kind of target changes nothing
        problem(act(reportId, "HIDE_LISTING"), 422);
        problem(act(reportId, "SUSPEND_USER"), 422);
        assertEquals("OPEN", statusOf(reportId));
        given().get("/api/products/" + id + "/comments").then().body("items.size()", equalTo(1));

        act(reportId, "DELETE_COMMENT").statusCode(200);
        given().get("/api/products/" + id + "/comments").then().body("items.size()", equalTo(0));
        given().get("/api/products/" + id).then().body("commentCount", equalTo(0));
        assertEquals("RESOLVED", statusOf(reportId));
        // a deleted comment can not be reported
        problem(
                json(user("late"))
                        .body(report("COMMENT", Long.toString(commentId), "ABUSE", null))
                        .post("/api/reports")
                        .then(),
                404);
    }

    @Test
    void badActionsAreRefused() {
        String reporter = user("reporter");
        long reportId = fileReport(reporter, "LISTING", Long.toString(create(user("seller"), Api.uniqueRegion())));
        problem(
                admin().body("{\"action\":\"BAN\"}")
                        .post("/api/admin/reports/" + reportId + "/actions")
                        .then(),
                400);
        problem(
                admin().body("{}")
                        .post("/api/admin/reports/" + reportId + "/actions")
                        .then(),
                400);
        problem(
                admin().body("{\"action\":\"DISMISS\",\"x\":1}")
                        .post("/api/admin/reports/" + reportId + "/actions")
                        .then(),
                400);
        problem(
                admin().body("{\"action\":\"DISMISS\",\"note\":\"" + "가".repeat(1001) + "\"}")
                        .post("/api/admin/reports/" + reportId + "/actions")
                        .then(),
                400);
        problem(
                admin().body("{\"action\":\"DISMISS\"}")
                        .post("/api/admin/reports/987654321/actions")
                        .then(),
                404);
        assertEquals("OPEN", statusOf(reportId));
        assertEquals(0L, (long) db.single(
                "SELECT count(*) AS n FROM moderation_action WHERE report_id = ?", r -> r.getLong("n"), reportId));

        act(reportId, "DISMISS").statusCode(200);
        assertEquals("DISMISSED", statusOf(reportId));
        String body = db.single(
                "SELECT body FROM outbox_event WHERE recipient_id = ? AND type = 'REPORT_RESULT'",
                r -> r.string("body"),
                Tokens.idOf(reporter));
        assertTrue(body.contains("위반을 찾지 못했어요"), body);
    }

    @Test
    void twoAdminsActingAtOnceOneWinsTheOtherIs409() throws Exception {
        String seller = user("seller");
        long id = create(seller, Api.uniqueRegion());
        long first = fileReport(user("r1"), "LISTING", Long.toString(id));
        long second = fileReport(user("r2"), "LISTING", Long.toString(id));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> results = new ArrayList<>();
        long[] targets = {first, first, second, second};
        String[] actions = {"HIDE_LISTING", "DISMISS", "HIDE_LISTING", "DISMISS"};
        for (int i = 0; i < 4; i++) {
            long reportId = targets[i];
            String action = actions[i];
            Callable<Integer> call = () -> act(reportId, action).extract().statusCode();
            results.add(pool.submit(call));
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : results) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, codes.stream().filter(c -> c == 200).count(), codes.toString());
        assertEquals(3, codes.stream().filter(c -> c == 409).count(), codes.toString());
        assertEquals(1L, (long) db.single(
                "SELECT count(*) AS n FROM moderation_action WHERE target_type = 'LISTING' AND target_id = ?",
                r -> r.getLong("n"),
                Long.toString(id)));
        assertEquals(statusOf(first), statusOf(second));
    }

    @Test
    void aSuspensionKeycloakCanNotRecordChangesNothing() {
        String bad = user("scam-kc");
        me(bad);
        long listing = create(bad, Api.uniqueRegion());
        long reportId = fileReport(user("victim-kc"), "USER", Tokens.idOf(bad));
        FakeKeycloakAdmin.down = true;
        try {
            problem(act(reportId, "SUSPEND_USER"), 503);
        } finally {
            FakeKeycloakAdmin.down = false;
        }
        // not suspended, listing not hidden, the report still open: the admin can act again
        given().get("/api/products/" + listing).then().statusCode(200);
        json(bad)
                .body("{\"content\":\"아직 괜찮아요\"}")
                .post("/api/products/" + listing + "/comments")
                .then()
                .statusCode(201);
        act(reportId, "SUSPEND_USER").statusCode(200);
        problem(given().get("/api/products/" + listing).then(), 404);
    }

    @Test
    void aSuspendedUsersListingsAreHiddenAndTheirWritesRefused() {
        String bad = user("scammer");
        me(bad);
        String region = Api.uniqueRegion();
        long listing = create(bad, region);
        long reportId = fileReport(user("victim"), "USER", Tokens.idOf(bad));
        act(reportId, "SUSPEND_USER").statusCode(200);
        // the Keycloak account is disabled (its next token refresh fails)
        var disabled = FakeKeycloakAdmin.of("PUT", Tokens.idOf(bad));
        assertEquals(1, disabled.size());
        assertEquals(false, disabled.get(0).body().path("enabled").asBoolean(true));

        given().queryParam("regionCode", region)
                .queryParam("range", 0)
                .get("/api/products")
                .then()
                .body("items.size()", equalTo(0));
        problem(given().get("/api/products/" + listing).then(), 404);
        problem(
                        json(bad)
                                .body(Api.body("또 올려요", 1000, "DIGITAL", region))
                                .post("/api/products")
                                .then(),
                        403)
                .body("code", equalTo("suspended"));
        problem(
                        json(bad)
                                .body("{\"content\":\"안녕\"}")
                                .post("/api/products/" + listing + "/comments")
                                .then(),
                        403)
                .body("code", equalTo("suspended"));
        problem(as(bad).delete("/api/products/" + listing).then(), 403).body("code", equalTo("suspended"));
        // reads still answer
        as(bad).get("/api/me").then().statusCode(200);
        as(bad).get("/api/me/products").then().statusCode(200).body("items[0].hidden", equalTo(true));
        // someone else is not affected
        create(user("honest"), region);
    }

    @Test
    void chatMessagesAreReportedByTheirRoomsPartiesWithWhatWasSaid() {
        String seller = user("seller");
        String buyer = user("buyer");
        long msg = FakeChat.message(Tokens.idOf(seller), Tokens.idOf(seller), Tokens.idOf(buyer), "계좌로 먼저 보내세요");
        // the sender, and anyone outside the room
        problem(
                json(seller)
                        .body(report("MESSAGE", Long.toString(msg), "FRAUD", null))
                        .post("/api/reports")
                        .then(),
                422);
        String outsider = user("outsider");
        problem(
                json(outsider)
                        .body(report("MESSAGE", Long.toString(msg), "FRAUD", null))
                        .post("/api/reports")
                        .then(),
                404);
        assertEquals(0, reportsBy(outsider));

        long reportId = fileReport(buyer, "MESSAGE", Long.toString(msg));
        JsonPath queue =
                admin().get("/api/admin/reports?size=100").then().extract().jsonPath();
        int at = queue.getList("items.id").indexOf((int) reportId);
        assertEquals("계좌로 먼저 보내세요", queue.getString("items[" + at + "].targetSummary"));
        assertEquals(Tokens.idOf(seller), queue.getString("items[" + at + "].targetOwner.id"));
        problem(act(reportId, "HIDE_LISTING"), 422);
        act(reportId, "SUSPEND_USER").statusCode(200);
        problem(
                        json(seller)
                                .body("{\"keyword\":\"자전거\"}")
                                .post("/api/me/keywords")
                                .then(),
                        403)
                .body("code", equalTo("suspended"));
    }

    @Test
    void aMessageReportWhileChatIsDownIs503AndStoresNothing() {
        String buyer = user("buyer");
        long msg = FakeChat.message("x", "x", Tokens.idOf(buyer), "hi");
        FakeChat.down = true;
        try {
            problem(
                            json(buyer)
                                    .body(report("MESSAGE", Long.toString(msg), "SPAM", null))
                                    .post("/api/reports")
                                    .then(),
                            503)
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        } finally {
            FakeChat.down = false;
        }
        assertEquals(0, reportsBy(buyer));
    }

    @Test
    void twoIdenticalReportsAtOnceMakeOne() throws Exception {
        String reporter = user("twice");
        long id = create(user("seller"), Api.uniqueRegion());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Callable<Integer> call = () -> json(reporter)
                    .body(report("LISTING", Long.toString(id), "SPAM", null))
                    .post("/api/reports")
                    .statusCode();
            results.add(pool.submit(call));
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : results) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, codes.stream().filter(c -> c == 201).count(), codes.toString());
        assertEquals(3, codes.stream().filter(c -> c == 200).count(), codes.toString());
        assertEquals(1, reportsBy(reporter));
    }

    // ---------------------------------------------------------------- prohibited words

    static Stream<Arguments> prohibitedListings() {
        return Stream.of(
                Arguments.of("title", "담배 한 보루", "상태 좋아요", "담배"),
                Arguments.of("description", "선물 세트", "양주 주류 세트 팔아요", "주류"),
                Arguments.of("title", "반려 동물 분양 합니다", "건강해요", "반려동물 분양"),
                Arguments.of("title", "반려동물-분양", "건강해요", "반려동물 분양"),
                Arguments.of("description", "감기약", "남은 의 약 품 팔아요", "의약품"),
                Arguments.of("title", "ｍａｒｉｊｕａｎａ 마 약", "x", "마약"));
    }

    @ParameterizedTest(name = "{1} / {2}")
    @MethodSource("prohibitedListings")
    void listingsWithAProhibitedWordAreRefused(String field, String title, String description, String word) {
        String seller = user("seller");
        String region = Api.uniqueRegion();
        String body = """
                {"title":%s,"description":%s,"price":1000,"negotiable":false,"category":"OTHER","regionCode":"%s"}""".formatted(Api.quote(title), Api.quote(description), region);
        problem(json(seller).body(body).post("/api/products").then(), 422)
                .body("detail", equalTo("판매할 수 없는 물품이에요: " + word))
                .body("errors[0].field", equalTo(field));
        given().queryParam("regionCode", region)
                .queryParam("range", 0)
                .get("/api/products")
                .then()
                .body("items.size()", equalTo(0));

        // an edit that brings the word in is refused too, and changes nothing
        long id = create(seller, "멀쩡한 물건", 1000, "OTHER", region);
        problem(
                        json(seller)
                                .body(body.replace("}", ",\"version\":0}"))
                                .put("/api/products/" + id)
                                .then(),
                        422)
                .body("detail", containsString(word));
        given().get("/api/products/" + id)
                .then()
                .body("title", equalTo("멀쩡한 물건"))
                .body("version", equalTo(0));
    }

    @Test
    void adminsMaintainTheWordList() {
        String word = "금지" + UUID.randomUUID().toString().substring(0, 6);
        String seller = user("seller");
        String region = Api.uniqueRegion();
        int id = admin().body("{\"word\":\" " + word + " \"}")
                .post("/api/admin/prohibited-words")
                .then()
                .statusCode(201)
                .body("word", equalTo(word))
                .extract()
                .path("id");
        admin().get("/api/admin/prohibited-words").then().statusCode(200).body("items.word", hasItem(word));
        // the same once folded
        problem(
                admin().body("{\"word\":\"" + word.toUpperCase() + "\"}")
                        .post("/api/admin/prohibited-words")
                        .then(),
                409);
        problem(
                        json(seller)
                                .body(Api.body("이건 " + word + " 이에요", 100, "OTHER", region))
                                .post("/api/products")
                                .then(),
                        422)
                .body("detail", equalTo("판매할 수 없는 물품이에요: " + word));

        admin().delete("/api/admin/prohibited-words/" + id).then().statusCode(204);
        problem(admin().delete("/api/admin/prohibited-words/" + id).then(), 404);
        admin().get("/api/admin/prohibited-words").then().body("items.word", not(hasItem(word)));
        create(seller, "이건 " + word + " 이에요", 100, "OTHER", region);
    }

    static Stream<Arguments> badWords() {
        return Stream.of(
                Arguments.of("{\"word\":\"\"}"),
                Arguments.of("{\"word\":\"   \"}"),
                Arguments.of("{\"word\":\"!!!\"}"),
                Arguments.of("{\"word\":\"" + "가".repeat(51) + "\"}"),
                Arguments.of("{\"word\":\"줄\\n바꿈\"}"),
                Arguments.of("{\"word\":1}"),
                Arguments.of("{}"),
                Arguments.of("{\"word\":\"x\",\"more\":1}"),
                Arguments.of("{\"word\":"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badWords")
    void badWordsAreRefusedAndStoreNothing(String body) {
        long before = db.single("SELECT count(*) AS n FROM prohibited_word", r -> r.getLong("n"));
        problem(admin().body(body).post("/api/admin/prohibited-words").then(), 400);
        assertEquals(before, (long) db.single("SELECT count(*) AS n FROM prohibited_word", r -> r.getLong("n")));
    }
}
