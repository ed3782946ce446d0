package market.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import market.chat.config.ChatConfig;
import market.chat.domain.MessageType;
import market.chat.storage.MessageStore;
import market.chat.storage.PhotoStore;
import market.common.db.Db;
import market.common.images.PhotoObjects;
import market.common.limits.Action;
import market.common.limits.RateLimiter;
import market.testing.TestImages;
import market.testing.Tokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Photos in chat against real PostgreSQL, Redis and S3 (S3Proxy checking signatures): who may send and see them,
 * every refusal leaving nothing behind (no message, no photo row, no object), metadata stripped from the stored
 * bytes, retries, a failing bucket and concurrent uploads.
 */
@QuarkusTest
class ChatPhotoApiTest {

    private static final String PHOTO_URL =
            "/api/chat/photos/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Inject
    S3Client s3;

    @Inject
    ChatConfig config;

    @Inject
    Db db;

    @Inject
    ObjectMapper mapper;

    @Inject
    Redis redis;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL base;

    // ------------------------------------------------------------------ helpers

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.user(user));
    }

    private static RequestSpecification jpeg(RequestSpecification req, String name, byte[] bytes) {
        return req.multiPart("files", name, bytes, "image/jpeg");
    }

    /** A text field of the form, in UTF-8 as browsers send it. */
    private static RequestSpecification text(RequestSpecification req, String name, String value) {
        return req.multiPart(new MultiPartSpecBuilder(value)
                .controlName(name)
                .charset(StandardCharsets.UTF_8)
                .build());
    }

    private static ValidatableResponse upload(RequestSpecification req, long roomId) {
        return req.post("/api/chat/rooms/" + roomId + "/photos").then();
    }

    private static ValidatableResponse problem(ValidatableResponse r, int status) {
        return r.statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
    }

    private static byte[] small() {
        return TestImages.jpegWithExif(40, 30);
    }

    /** The chat objects in the bucket. */
    private Set<String> objects() {
        return s3
                .listObjectsV2Paginator(b -> b.bucket(config.bucket()).prefix(PhotoStore.KEY_PREFIX))
                .contents()
                .stream()
                .map(S3Object::key)
                .collect(Collectors.toSet());
    }

    private long count(String sql, Object... args) {
        return db.single(sql, r -> r.getLong("n"), args);
    }

    /** What an upload could leave behind: the room's messages, all photo rows, all chat objects. */
    private record Stored(long messages, long photoRows, Set<String> objects) {}

    private Stored stored(long roomId) {
        return new Stored(
                count("SELECT count(*) AS n FROM chat_message WHERE room_id = ?", roomId),
                count("SELECT count(*) AS n FROM message_photo"),
                objects());
    }

    /** Every photo row points at objects in the bucket, and every chat object in the bucket has its row. */
    private void assertRowsAndObjectsMatch() {
        Set<String> referenced = new HashSet<>(db.list(
                "SELECT object_key AS k FROM message_photo UNION SELECT thumb_key FROM message_photo",
                r -> r.string("k")));
        assertEquals(referenced, objects(), "objects in the bucket = objects the photo rows name");
    }

    private static String key(String url) {
        return url.substring("/api/chat/photos/".length());
    }

    private static ExtractableResponse<Response> fetch(String user, String url, String type) {
        return as(user).get(url)
                .then()
                .statusCode(200)
                .contentType(type)
                .header("Cache-Control", "private, max-age=31536000, immutable")
                .header("Vary", containsString("Authorization"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("sandbox"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .extract();
    }

    // ------------------------------------------------------------------ sending and seeing

    @Test
    void aPartySendsPhotosStrippedOfMetadataAndOnlyTheTwoPartiesSeeThem() throws IOException {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        byte[] jpeg = TestImages.jpegWithExif(1200, 900);
        byte[] png = TestImages.pngWithText(300, 200);
        byte[] webp = TestImages.webpWithExif(64, 48);
        for (byte[] b : List.of(jpeg, png, webp)) {
            assertTrue(TestImages.contains(b, TestImages.SECRET), "the upload carries the fake GPS tag");
        }
        // names and declared types lie; the content decides
        RequestSpecification files = as(buyer)
                .multiPart("files", "a.png", jpeg, "image/png")
                .multiPart("files", "../../etc/passwd.jpg", png, "application/octet-stream")
                .multiPart("files", "c.gif", webp, "image/gif");
        JsonPath sent = upload(text(text(files, "content", "이 상태 괜찮을까요? 😀"), "clientMsgId", "photo-1"), roomId)
                .statusCode(201)
                .contentType("application/json")
                .body("type", equalTo("PHOTO"))
                .body("roomId", equalTo((int) roomId))
                .body("senderId", equalTo(Tokens.idOf(buyer)))
                .body("content", equalTo("이 상태 괜찮을까요? 😀"))
                .body("clientMsgId", equalTo("photo-1"))
                .body("photos.size()", equalTo(3))
                .body("photos[0].width", equalTo(1200))
                .body("photos[0].height", equalTo(900))
                .body("photos[1].width", equalTo(300))
                .body("photos[1].height", equalTo(200))
                .body("photos[2].width", equalTo(64))
                .body("photos[2].height", equalTo(48))
                .body("photos[0].url", matchesPattern(PHOTO_URL))
                .body("photos[0].thumbnailUrl", matchesPattern(PHOTO_URL))
                .extract()
                .jsonPath();

        // the other party sees the bytes, stripped; so does the sender
        byte[] storedJpeg =
                fetch(seller, sent.getString("photos[0].url"), "image/jpeg").asByteArray();
        assertFalse(TestImages.contains(storedJpeg, TestImages.SECRET), "EXIF (GPS) must be stripped");
        assertFalse(TestImages.contains(storedJpeg, "Exif"), "EXIF must be stripped");
        assertEquals(1200, ImageIO.read(new ByteArrayInputStream(storedJpeg)).getWidth());
        BufferedImage thumb = ImageIO.read(
                new ByteArrayInputStream(fetch(seller, sent.getString("photos[0].thumbnailUrl"), "image/jpeg")
                        .asByteArray()));
        assertEquals(320, thumb.getWidth());
        assertEquals(240, thumb.getHeight());
        byte[] storedPng =
                fetch(seller, sent.getString("photos[1].url"), "image/png").asByteArray();
        assertFalse(TestImages.contains(storedPng, TestImages.SECRET), "PNG text chunks must be stripped");
        byte[] storedWebp =
                fetch(buyer, sent.getString("photos[2].url"), "image/webp").asByteArray();
        assertFalse(TestImages.contains(storedWebp, TestImages.SECRET), "WebP EXIF/XMP chunks must be stripped");
        assertEquals(sent.getString("photos[2].url"), sent.getString("photos[2].thumbnailUrl"), "a WebP is its own");
        // the bucket holds exactly the stripped bytes, under chat/ and random keys only
        String objectKey = PhotoStore.objectKey(key(sent.getString("photos[0].url")));
        byte[] inBucket = s3.getObjectAsBytes(b -> b.bucket(config.bucket()).key(objectKey))
                .asByteArray();
        assertTrue(Arrays.equals(storedJpeg, inBucket));
        assertFalse(objects().stream().anyMatch(k -> k.contains("passwd") || k.contains(".png")));

        // the history shows the same message with its photos, in order
        as(seller)
                .get("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(sent.getInt("id")))
                .body("items[0].type", equalTo("PHOTO"))
                .body("items[0].photos.url", equalTo(sent.getList("photos.url")))
                .body("items[0].photos.thumbnailUrl", equalTo(sent.getList("photos.thumbnailUrl")))
                .body("items[0].photos.width", equalTo(List.of(1200, 300, 64)));
        // the room list previews it as a PHOTO message
        as(seller)
                .get("/api/chat/rooms/" + roomId)
                .then()
                .statusCode(200)
                .body("lastMessage.type", equalTo("PHOTO"))
                .body("lastMessage.content", equalTo("이 상태 괜찮을까요? 😀"));
        // a text message has no photos field at all
        long text = Fixtures.send(seller, roomId, "네 괜찮아요");
        as(seller)
                .get("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .body("items[1].id", equalTo((int) text))
                .body("items[1]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("photos")));

        // nobody else: not another user, not an admin, not anonymous; the same 404 as no photo at all
        for (String url : sent.getList("photos.url", String.class)) {
            problem(as(Fixtures.user("outsider")).get(url).then(), 404);
            problem(given().auth().oauth2(Tokens.admin("moderator")).get(url).then(), 404);
            problem(given().get(url).then(), 401);
        }
        problem(
                as(seller)
                        .get("/api/chat/photos/00000000-0000-0000-0000-000000000000")
                        .then(),
                404);
        problem(as(seller).get("/api/chat/photos/not-a-key").then(), 404);
        problem(as(seller).get("/api/chat/photos/..%2F..%2Fsecret").then(), 404);
        assertRowsAndObjectsMatch();
    }

    @Test
    void onlyTheRoomsPartiesMaySendPhotos() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        Stored before = stored(roomId);
        problem(upload(jpeg(given(), "a.jpg", small()), roomId), 401);
        problem(upload(jpeg(as(Fixtures.user("outsider")), "a.jpg", small()), roomId), 403);
        problem(upload(jpeg(given().auth().oauth2(Tokens.admin("moderator")), "a.jpg", small()), roomId), 403);
        problem(upload(jpeg(as(buyer), "a.jpg", small()), 99_999_999L), 404);
        problem(
                as(buyer)
                        .multiPart("files", "a.jpg", small(), "image/jpeg")
                        .post("/api/chat/rooms/not-a-room/photos")
                        .then(),
                404);
        assertEquals(before, stored(roomId));
        // the seller may send too
        upload(jpeg(as(seller), "a.jpg", small()), roomId).statusCode(201);
        assertRowsAndObjectsMatch();
    }

    // ------------------------------------------------------------------ bad input: 4xx, nothing stored

    record Bad(String name, Function<RequestSpecification, RequestSpecification> parts, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> badUploads() {
        byte[] tooLarge = Arrays.copyOf(TestImages.jpegWithExif(20, 20), 10 * 1024 * 1024 + 1);
        byte[] bomb = TestImages.encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png");
        java.nio.ByteBuffer.wrap(bomb, 16, 8).putInt(20_000).putInt(20_000);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bomb, 12, 17);
        java.nio.ByteBuffer.wrap(bomb, 29, 4).putInt((int) crc.getValue());
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);
        return Stream.of(
                        new Bad("no files", r -> text(r, "content", "사진이요"), 400, "files"),
                        new Bad(
                                "a files part without a filename",
                                r -> text(text(r, "files", "not a file"), "content", "x"),
                                400,
                                "files"),
                        new Bad(
                                "clientMsgId with a space",
                                r -> text(jpeg(r, "a.jpg", small()), "clientMsgId", "has space"),
                                400,
                                "clientMsgId"),
                        new Bad(
                                "clientMsgId of 65 characters",
                                r -> text(jpeg(r, "a.jpg", small()), "clientMsgId", "x".repeat(65)),
                                400,
                                "clientMsgId"),
                        new Bad(
                                "a caption over 1000 characters",
                                r -> text(jpeg(r, "a.jpg", small()), "content", "가".repeat(1001)),
                                400,
                                "content"),
                        new Bad(
                                "a caption of 12 KB (over the form field limit)",
                                r -> text(jpeg(r, "a.jpg", small()), "content", "😀".repeat(3000)),
                                413,
                                null),
                        new Bad(
                                "a blank caption",
                                r -> text(jpeg(r, "a.jpg", small()), "content", "   "),
                                400,
                                "content"),
                        new Bad("a file over 10 MB", r -> jpeg(r, "big.jpg", tooLarge), 413, null),
                        new Bad("HTML named a.jpg", r -> jpeg(r, "a.jpg", html), 415, null),
                        new Bad("a GIF", r -> r.multiPart("files", "a.gif", gif, "image/gif"), 415, null),
                        new Bad(
                                "a good photo and a bad one",
                                r -> jpeg(jpeg(r, "good.jpg", small()), "bad.jpg", html),
                                415,
                                null),
                        new Bad(
                                "a decompression bomb",
                                r -> r.multiPart("files", "bomb.png", bomb, "image/png"),
                                422,
                                null),
                        new Bad(
                                "11 photos",
                                r -> {
                                    for (int i = 0; i < 11; i++) {
                                        r = jpeg(r, "p" + i + ".jpg", small());
                                    }
                                    return r;
                                },
                                422,
                                null))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUploads")
    void badUploadsAreRefusedAndStoreNothing(Bad bad) {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        Stored before = stored(roomId);
        ValidatableResponse r = problem(upload(bad.parts().apply(as(buyer)), roomId), bad.status());
        if (bad.field() != null) {
            r.body("errors[0].field", equalTo(bad.field()));
        }
        assertEquals(before, stored(roomId));
    }

    @Test
    void aCaptionOfAThousandHangulCharactersIsAccepted() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        String caption = "가".repeat(1000);
        upload(text(jpeg(as(buyer), "a.jpg", small()), "content", caption), roomId)
                .statusCode(201)
                .body("content", equalTo(caption));
        // without one the content is empty
        upload(jpeg(as(buyer), "b.jpg", small()), roomId).statusCode(201).body("content", equalTo(""));
    }

    /** Phone photos are large: a message of several MB per photo goes through (the body is over Quarkus' 10 MB default). */
    @Test
    void anUploadOfSeveralLargePhotosGoesThrough() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        byte[] noisy = noisyPng(1400, 1400);
        assertTrue(noisy.length > 5_000_000, "a photo of " + noisy.length + " bytes");
        upload(
                        as(buyer)
                                .multiPart("files", "a.png", noisy, "image/png")
                                .multiPart("files", "b.png", noisy, "image/png"),
                        roomId)
                .statusCode(201)
                .body("photos.size()", equalTo(2))
                .body("photos[1].width", equalTo(1400));
        assertRowsAndObjectsMatch();
    }

    /** A PNG of random pixels: it does not compress, so it is about 3 bytes a pixel. */
    private static byte[] noisyPng(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(42);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return TestImages.encode(img, "png");
    }

    /** A browser's FormData: text fields without a Content-Type of their own, in UTF-8. */
    @Test
    void aBrowsersFormWithAHangulCaptionArrivesIntact() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        String boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"IMG_0001.JPG\""
                                + "\r\nContent-Type: image/jpeg\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(small());
        body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\n"
                        + "택배 가능해요 📦\r\n--" + boundary + "\r\nContent-Disposition: form-data;"
                        + " name=\"clientMsgId\"\r\n\r\nweb-1\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        base.toURI().resolve("/api/chat/rooms/" + roomId + "/photos"))
                                .header("Authorization", "Bearer " + Tokens.user(buyer))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(201, r.statusCode(), r.body());
        JsonObject message = new JsonObject(r.body());
        assertEquals("택배 가능해요 📦", message.getString("content"));
        assertEquals("web-1", message.getString("clientMsgId"));
        assertEquals(1, message.getJsonArray("photos").size());
    }

    // ------------------------------------------------------------------ retries, failures, concurrency

    @Test
    void theSameClientMsgIdAgainAnswersTheStoredMessageAndStoresNoSecondUpload() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        JsonPath first = upload(
                        text(jpeg(jpeg(as(buyer), "a.jpg", small()), "b.jpg", small()), "clientMsgId", "retry-1"),
                        roomId)
                .statusCode(201)
                .extract()
                .jsonPath();
        Stored after = stored(roomId);
        // a retry (say the answer was lost), even with other bytes: the first message, nothing new
        upload(text(jpeg(as(buyer), "c.jpg", TestImages.jpegWithExif(80, 60)), "clientMsgId", "retry-1"), roomId)
                .statusCode(200)
                .body("id", equalTo(first.getInt("id")))
                .body("photos.url", equalTo(first.getList("photos.url")));
        assertEquals(after, stored(roomId));
        // the other party's own clientMsgId of the same name is another message
        upload(text(jpeg(as(seller), "d.jpg", small()), "clientMsgId", "retry-1"), roomId)
                .statusCode(201)
                .body("id", org.hamcrest.Matchers.not(equalTo(first.getInt("id"))));
        assertRowsAndObjectsMatch();
    }

    @Test
    void twoRequestsWithTheSameClientMsgIdAtOnceStoreOneMessageAndNoStrayObjects() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        Callable<ExtractableResponse<Response>> send =
                () -> upload(text(jpeg(as(buyer), "a.jpg", small()), "clientMsgId", "twice"), roomId)
                        .extract();
        List<ExtractableResponse<Response>> answers = runTogether(send, send);
        List<Integer> statuses =
                answers.stream().map(ExtractableResponse::statusCode).sorted().toList();
        assertEquals(List.of(200, 201), statuses);
        assertEquals(
                answers.get(0).jsonPath().getInt("id"),
                answers.get(1).jsonPath().getInt("id"));
        assertEquals(1, count("SELECT count(*) AS n FROM chat_message WHERE room_id = ?", roomId));
        // the loser's objects (if it had stored any before losing the race) are gone again
        assertRowsAndObjectsMatch();
    }

    @Test
    void twoUploadsAtOnceBothLandAsTheirOwnMessages() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        List<ExtractableResponse<Response>> answers = runTogether(
                () -> upload(jpeg(jpeg(as(buyer), "a.jpg", small()), "b.jpg", small()), roomId)
                        .extract(),
                () -> upload(jpeg(as(seller), "c.jpg", TestImages.jpegWithExif(60, 40)), roomId)
                        .extract());
        assertEquals(201, answers.get(0).statusCode());
        assertEquals(201, answers.get(1).statusCode());
        assertNotEquals(
                answers.get(0).jsonPath().getInt("id"),
                answers.get(1).jsonPath().getInt("id"));
        List<List<Object>> photos = as(buyer)
                .get("/api/chat/rooms/" + roomId + "/messages")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(2))
                .extract()
                .path("items.photos");
        assertEquals(Set.of(1, 2), photos.stream().map(List::size).collect(Collectors.toSet()));
        for (ExtractableResponse<Response> a : answers) {
            for (String url : a.jsonPath().getList("photos.url", String.class)) {
                fetch(seller, url, "image/jpeg");
            }
        }
        assertRowsAndObjectsMatch();
    }

    @SafeVarargs
    private static <T> List<T> runTogether(Callable<T>... tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.length);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingBucketAnswers503AndLeavesNothing() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        Stored before = stored(roomId);
        PhotoStore real = new PhotoStore(s3, config);
        List<String> written = new ArrayList<>();
        AtomicInteger puts = new AtomicInteger();
        QuarkusMock.installMockForType(
                new PhotoStore(s3, config) {
                    @Override
                    public void put(String key, byte[] bytes, String contentType) {
                        if (puts.incrementAndGet() == 3) {
                            throw new IllegalStateException("bucket unreachable");
                        }
                        real.put(key, bytes, contentType);
                        written.add(key);
                    }
                },
                PhotoStore.class);
        problem(upload(jpeg(jpeg(as(buyer), "a.jpg", small()), "b.jpg", small()), roomId), 503)
                .header("Retry-After", equalTo("5"));
        assertEquals(2, written.size(), "the first photo and its thumbnail were written, then removed");
        assertEquals(before, stored(roomId));
    }

    @Test
    void readinessNeverWaitsForAHangingBucketAndStaysUp() throws Exception {
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean hanging = new java.util.concurrent.atomic.AtomicBoolean();
        // a store that accepts the connection and then does not answer
        QuarkusMock.installMockForType(
                new PhotoStore(s3, config) {
                    @Override
                    public void probe() {
                        hanging.set(true);
                        entered.countDown();
                        try {
                            release.await(60, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            hanging.set(false);
                        }
                        throw new IllegalStateException("no answer");
                    }
                },
                PhotoStore.class);
        try {
            assertTrue(entered.await(30, java.util.concurrent.TimeUnit.SECONDS), "the background probe ran");
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            // the answer came while the bucket was still being asked: the request did not wait for it
            assertTrue(hanging.get(), "readiness answered from the last probe, not by asking the bucket itself");
        } finally {
            release.countDown();
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("checks.find { it.name == 'photo-bucket' }.data.reachable", equalTo(false))
                        .body(
                                "checks.find { it.name == 'photo-bucket' }.data.error",
                                equalTo("IllegalStateException")));
    }

    @Test
    void aBucketThatCannotBeReadAnswers503() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        String url = upload(jpeg(as(buyer), "a.jpg", small()), roomId)
                .statusCode(201)
                .extract()
                .path("photos[0].url");
        QuarkusMock.installMockForType(
                new PhotoStore(s3, config) {
                    @Override
                    public StoredObject get(String key) {
                        throw new IllegalStateException("bucket unreachable");
                    }
                },
                PhotoStore.class);
        problem(as(seller).get(url).then(), 503).header("Retry-After", equalTo("5"));
        // an outsider still learns nothing: 404 before the bucket is asked
        problem(as(Fixtures.user("outsider")).get(url).then(), 404);
    }

    @Test
    void aFailureAfterTheObjectsWereStoredRemovesThem() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        Stored before = stored(roomId);
        QuarkusMock.installMockForType(
                new MessageStore(db, mapper) {
                    @Override
                    public Optional<Appended> appendPhotos(
                            long roomId,
                            String senderId,
                            String caption,
                            List<PhotoObjects.Stored> photos,
                            String clientMsgId) {
                        assertEquals(
                                4,
                                photos.stream().mapToInt(p -> p.keys().size()).sum());
                        assertTrue(objects()
                                .containsAll(photos.stream()
                                        .flatMap(p -> p.keys().stream())
                                        .toList()));
                        throw new IllegalStateException("database gone");
                    }
                },
                MessageStore.class);
        problem(upload(jpeg(jpeg(as(buyer), "a.jpg", small()), "b.jpg", small()), roomId), 500);
        assertEquals(before, stored(roomId));
    }

    @Test
    void aMessageCommittedBeforeItsAnswerWasLostKeepsItsPhotos() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        Stored before = stored(roomId);
        // the statement commits, then the connection drops before its answer is read
        QuarkusMock.installMockForType(
                new MessageStore(db, mapper) {
                    @Override
                    public Optional<Appended> appendPhotos(
                            long roomId,
                            String senderId,
                            String caption,
                            List<PhotoObjects.Stored> photos,
                            String clientMsgId) {
                        super.appendPhotos(roomId, senderId, caption, photos, clientMsgId);
                        throw new IllegalStateException("connection lost after the commit");
                    }
                },
                MessageStore.class);
        problem(upload(jpeg(as(buyer), "a.jpg", small()).multiPart("clientMsgId", "lost-answer-1"), roomId), 500);
        QuarkusMock.installMockForType(new MessageStore(db, mapper), MessageStore.class);
        assertEquals(before.messages() + 1, stored(roomId).messages());
        // the message that was stored still shows its photo: the objects were not removed under it
        assertRowsAndObjectsMatch();
        String url = upload(jpeg(as(buyer), "a.jpg", small()).multiPart("clientMsgId", "lost-answer-1"), roomId)
                .statusCode(200)
                .extract()
                .path("photos[0].url");
        as(seller).get(url).then().statusCode(200);
    }

    @Test
    void aSenderOverTheLimitGets429AndNothingIsStored() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        // the sender's budget spent far ahead, as by a flood from another replica
        redis.send(Request.cmd(Command.SET)
                        .arg(RateLimiter.key(Action.CHAT_PHOTO, Tokens.idOf(buyer)))
                        .arg(Long.toString(System.currentTimeMillis() + 3_600_000L * 24))
                        .arg("PX")
                        .arg("120000"))
                .await()
                .atMost(Duration.ofSeconds(5));
        Stored before = stored(roomId);
        problem(upload(jpeg(as(buyer), "a.jpg", small()), roomId), 429).header("Retry-After", matchesPattern("\\d+"));
        assertEquals(before, stored(roomId));
        // the limit is the sender's: the other party still sends
        upload(jpeg(as(seller), "a.jpg", small()), roomId).statusCode(201);
    }

    // ------------------------------------------------------------------ delivery, 탈퇴, blocks, reports

    @Test
    void aPhotoMessageIsDeliveredLiveAndPushedToAnOfflineRecipient() throws Exception {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        try (WsClient s = WsClient.withHeader(vertx, base.getPort(), Tokens.user(seller))) {
            JsonPath sent = upload(jpeg(jpeg(as(buyer), "a.jpg", small()), "b.jpg", small()), roomId)
                    .statusCode(201)
                    .extract()
                    .jsonPath();
            JsonObject frame = s.next(
                    f -> "message".equals(f.getString("type"))
                            && f.getJsonObject("message").getLong("id") == sent.getLong("id"),
                    "the photo message");
            JsonObject live = frame.getJsonObject("message");
            assertEquals("PHOTO", live.getString("type"));
            assertEquals(
                    sent.getList("photos.url"),
                    live.getJsonArray("photos").stream()
                            .map(p -> ((JsonObject) p).getString("url"))
                            .toList());
        }
        // the buyer is offline: the seller's photo reaches them as a push
        long id = upload(jpeg(as(seller), "c.jpg", small()), roomId)
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        JsonObject push = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> FakeUpstreams.events().stream()
                                .map(e -> new JsonObject(e.body()))
                                .filter(e -> ("chat-message-" + id).equals(e.getString("idempotencyKey")))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertEquals(Tokens.idOf(buyer), push.getString("recipientId"));
        assertEquals("사진을 보냈어요", push.getString("body"));
    }

    @Test
    void afterALeaversDeletionTheOtherPartyKeepsTheirPhotosAndTheRoomTakesNoMore() throws Exception {
        String seller = Fixtures.user("leaving-seller");
        String buyer = Fixtures.user("staying-buyer");
        long roomId = Fixtures.room(seller, buyer);
        String fromSeller = upload(jpeg(as(seller), "a.jpg", small()), roomId)
                .statusCode(201)
                .extract()
                .path("photos[0].url");
        String fromBuyer = upload(jpeg(as(buyer), "b.jpg", small()), roomId)
                .statusCode(201)
                .extract()
                .path("photos[0].url");
        FakeUpstreams.accountDeleted(seller);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> as(buyer)
                        .get("/api/chat/rooms/" + roomId)
                        .then()
                        .extract()
                        .jsonPath()
                        .getBoolean("closed"));
        // the staying party keeps the conversation, the leaver's photos with it
        fetch(buyer, fromSeller, "image/jpeg");
        fetch(buyer, fromBuyer, "image/jpeg");
        // the leaver's still-valid token reads none of them
        problem(as(seller).get(fromSeller).then(), 404);
        problem(as(seller).get(fromBuyer).then(), 404);
        // and the closed room takes no more photos, nothing stored
        Stored before = stored(roomId);
        problem(upload(jpeg(as(buyer), "c.jpg", small()), roomId), 422);
        problem(upload(text(jpeg(as(buyer), "c.jpg", small()), "clientMsgId", "closed-1"), roomId), 422);
        assertEquals(before, stored(roomId));
    }

    @Test
    void blockedPartiesCannotSendPhotosButKeepSeeingTheOldOnes() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        String url = upload(jpeg(as(buyer), "a.jpg", small()), roomId)
                .statusCode(201)
                .extract()
                .path("photos[0].url");
        FakeUpstreams.block(Tokens.idOf(seller), Tokens.idOf(buyer));
        try {
            Stored before = stored(roomId);
            problem(upload(jpeg(as(buyer), "b.jpg", small()), roomId), 403)
                    .body("type", equalTo("urn:market:problem:blocked"));
            problem(upload(jpeg(as(seller), "b.jpg", small()), roomId), 403);
            assertEquals(before, stored(roomId));
            fetch(seller, url, "image/jpeg");
        } finally {
            FakeUpstreams.unblock(Tokens.idOf(seller), Tokens.idOf(buyer));
        }
    }

    @Test
    void aReportedPhotoMessageSaysHowManyPhotosItCarried() {
        String seller = Fixtures.user("seller");
        String buyer = Fixtures.user("buyer");
        long roomId = Fixtures.room(seller, buyer);
        long withCaption = upload(
                        text(jpeg(jpeg(as(buyer), "a.jpg", small()), "b.jpg", small()), "content", "이거 보세요"), roomId)
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        long bare = upload(jpeg(as(buyer), "c.jpg", small()), roomId)
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        String service = Tokens.service("product-service");
        given().auth()
                .oauth2(service)
                .get("/internal/messages/" + withCaption)
                .then()
                .statusCode(200)
                .body("type", equalTo(MessageType.PHOTO.name()))
                .body("content", equalTo("[사진 2장] 이거 보세요"))
                .body("photoCount", equalTo(2))
                .body("senderId", equalTo(Tokens.idOf(buyer)));
        given().auth()
                .oauth2(service)
                .get("/internal/messages/" + bare)
                .then()
                .statusCode(200)
                .body("content", equalTo("[사진 1장]"))
                .body("photoCount", equalTo(1));
    }
}
