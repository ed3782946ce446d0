package market.product;

import static io.restassured.RestAssured.given;
import static market.product.Api.as;
import static market.product.Api.create;
import static market.product.Api.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import market.product.config.ProductConfig;
import market.product.storage.ImageStore;
import market.testing.TestImages;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

@QuarkusTest
class ImageApiTest {

    @Inject
    S3Client s3;

    @Inject
    ProductConfig config;

    private static RequestSpecification file(RequestSpecification req, String name, byte[] bytes, String type) {
        return req.multiPart("files", name, bytes, type);
    }

    @Test
    void jpegAndPngAreStrippedThumbnailedAndServed() throws IOException {
        long id = create("photog", Api.uniqueRegion());
        byte[] jpeg = TestImages.jpegWithExif(1200, 900);
        byte[] png = TestImages.pngWithText(300, 200);
        assertTrue(TestImages.contains(jpeg, TestImages.SECRET));
        assertTrue(TestImages.contains(png, TestImages.SECRET));
        // the names and declared types lie; the content decides
        JsonPath out = file(
                        file(as("photog"), "a.png", jpeg, "image/png"),
                        "../../etc/passwd.jpg",
                        png,
                        "application/octet-stream")
                .post("/api/products/" + id + "/images")
                .then()
                .statusCode(201)
                .body("size()", equalTo(2))
                .body("[0].width", equalTo(1200))
                .body("[0].height", equalTo(900))
                .body("[1].width", equalTo(300))
                .body("[1].height", equalTo(200))
                .body("[0].url", startsWith("/api/images/"))
                .extract()
                .jsonPath();

        byte[] storedJpeg = fetch(out.getString("[0].url"), "image/jpeg");
        assertFalse(TestImages.contains(storedJpeg, TestImages.SECRET), "EXIF must be stripped");
        assertFalse(TestImages.contains(storedJpeg, "Exif"), "EXIF must be stripped");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(storedJpeg));
        assertEquals(1200, decoded.getWidth());

        byte[] storedPng = fetch(out.getString("[1].url"), "image/png");
        assertFalse(TestImages.contains(storedPng, TestImages.SECRET), "PNG text chunks must be stripped");
        assertTrue(ImageIO.read(new ByteArrayInputStream(storedPng))
                .getColorModel()
                .hasAlpha());

        byte[] thumb = fetch(out.getString("[0].thumbnailUrl"), "image/jpeg");
        BufferedImage t = ImageIO.read(new ByteArrayInputStream(thumb));
        assertEquals(320, t.getWidth());
        assertEquals(240, t.getHeight());
        String key = out.getString("[0].url").substring("/api/images/".length());
        assertFalse(key.contains("a.png"));

        given().get("/api/products/" + id)
                .then()
                .body("images.size()", equalTo(2))
                .body("images[0].url", equalTo(out.getString("[0].url")));
        given().queryParam("sellerId", Tokens.idOf("photog"))
                .get("/api/products")
                .then()
                .body("items[0].thumbnailUrl", equalTo(out.getString("[0].thumbnailUrl")));
    }

    private static byte[] fetch(String url, String type) {
        return given().get(url)
                .then()
                .statusCode(200)
                .contentType(type)
                .header("Cache-Control", containsString("max-age=31536000"))
                .extract()
                .asByteArray();
    }

    @Test
    void webpKeepsItsImageDataButLosesExifAndXmp() {
        long id = create("webper", Api.uniqueRegion());
        byte[] webp = TestImages.webpWithExif(640, 480);
        JsonPath out = file(as("webper"), "photo.webp", webp, "image/webp")
                .post("/api/products/" + id + "/images")
                .then()
                .statusCode(201)
                .body("[0].width", equalTo(640))
                .body("[0].height", equalTo(480))
                .extract()
                .jsonPath();
        byte[] stored = fetch(out.getString("[0].url"), "image/webp");
        assertFalse(TestImages.contains(stored, TestImages.SECRET));
        assertTrue(TestImages.contains(stored, "VP8L"));
        assertEquals(0, stored[20] & 0x0C, "EXIF/XMP flags cleared in VP8X");
        assertEquals(
                stored.length - 8,
                java.nio.ByteBuffer.wrap(stored, 4, 4)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .getInt());
        assertEquals(out.getString("[0].url"), out.getString("[0].thumbnailUrl"));
    }

    private static final byte[] TEXT =
            "this is not a photo, just text\n".repeat(10).getBytes(StandardCharsets.UTF_8);

    /** One upload that must be refused: who sends what, and the answer. */
    record BadUpload(String name, Function<String, ValidatableResponse> send, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<BadUpload> badUploads() {
        byte[] corrupt = new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00, 0x01, 0x02, 0x03};
        byte[] badWebp = "RIFF\u0004\0\0\0WEBPjunkjunk".getBytes(StandardCharsets.ISO_8859_1);
        byte[] huge = new byte[10 * 1024 * 1024 + 1];
        huge[0] = (byte) 0xFF;
        huge[1] = (byte) 0xD8;
        huge[2] = (byte) 0xFF;
        byte[] small = TestImages.jpegWithExif(20, 20);
        return List.of(
                upload("text named .jpg", () -> as("uploader"), "photo.jpg", TEXT, 415),
                upload("corrupt JPEG", () -> as("uploader"), "broken.jpg", corrupt, 415),
                upload("corrupt WebP", () -> as("uploader"), "x.webp", badWebp, 415),
                // a valid photo and a text file together: all or nothing
                new BadUpload(
                        "valid photo + text file",
                        path -> file(
                                        file(as("uploader"), "ok.jpg", TestImages.jpegWithExif(50, 50), "image/jpeg"),
                                        "bad.jpg",
                                        TEXT,
                                        "image/jpeg")
                                .post(path)
                                .then(),
                        415,
                        null),
                upload("over 10 MB", () -> as("uploader"), "huge.jpg", huge, 413),
                new BadUpload(
                        "no files part",
                        path -> as("uploader")
                                .multiPart("other", "x")
                                .post(path)
                                .then(),
                        400,
                        "files"),
                new BadUpload(
                        "JSON instead of multipart",
                        path -> as("uploader")
                                .contentType("application/json")
                                .body("{}")
                                .post(path)
                                .then(),
                        415,
                        null),
                upload("someone else's listing", () -> as("intruder"), "a.jpg", small, 403),
                upload("no token", () -> given(), "a.jpg", small, 401),
                new BadUpload(
                        "unknown listing",
                        path -> file(as("uploader"), "a.jpg", small, "image/jpeg")
                                .post("/api/products/77777777/images")
                                .then(),
                        404,
                        null),
                new BadUpload(
                        "eleven photos at once",
                        path -> {
                            RequestSpecification eleven = as("uploader");
                            for (int i = 0; i < 11; i++) {
                                eleven = file(eleven, "p" + i + ".jpg", small, "image/jpeg");
                            }
                            return eleven.post(path).then();
                        },
                        422,
                        null));
    }

    private static BadUpload upload(
            String name, Supplier<RequestSpecification> who, String file, byte[] bytes, int status) {
        return new BadUpload(
                name,
                path -> file(who.get(), file, bytes, "image/jpeg").post(path).then(),
                status,
                null);
    }

    /** A listing every bad upload aims at; none of them may leave a photo on it. */
    private static long target;

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUploads")
    void badUploadsAreRefusedAndStoreNothing(BadUpload bad) {
        if (target == 0) {
            target = create("uploader", Api.uniqueRegion());
        }
        ValidatableResponse r = problem(bad.send().apply("/api/products/" + target + "/images"), bad.status());
        if (bad.field() != null) {
            r.body("errors[0].field", equalTo(bad.field()));
        }
        given().get("/api/products/" + target).then().body("images.size()", equalTo(0));
    }

    @Test
    void aListingHoldsAtMostTenPhotos() {
        long id = create("uploader", Api.uniqueRegion());
        byte[] small = TestImages.jpegWithExif(20, 20);
        RequestSpecification nine = as("uploader");
        for (int i = 0; i < 9; i++) {
            nine = file(nine, "p" + i + ".jpg", small, "image/jpeg");
        }
        nine.post("/api/products/" + id + "/images").then().statusCode(201).body("size()", equalTo(9));
        problem(
                file(file(as("uploader"), "a.jpg", small, "image/jpeg"), "b.jpg", small, "image/jpeg")
                        .post("/api/products/" + id + "/images")
                        .then(),
                422);
        given().get("/api/products/" + id).then().body("images.size()", equalTo(9));
        file(as("uploader"), "a.jpg", small, "image/jpeg")
                .post("/api/products/" + id + "/images")
                .then()
                .statusCode(201);
        given().get("/api/products/" + id).then().body("images.size()", equalTo(10));
    }

    @Test
    void aFailedBucketUploadLeavesNoRowsAndNoObjects() {
        long id = create("unlucky", Api.uniqueRegion());
        ImageStore real = new ImageStore(s3, config);
        List<String> written = new ArrayList<>();
        AtomicInteger puts = new AtomicInteger();
        QuarkusMock.installMockForType(
                new ImageStore(s3, config) {
                    @Override
                    public void put(String key, byte[] bytes, String contentType) {
                        if (puts.incrementAndGet() == 3) {
                            throw new IllegalStateException("bucket unreachable");
                        }
                        real.put(key, bytes, contentType);
                        written.add(key);
                    }
                },
                ImageStore.class);
        byte[] small = TestImages.jpegWithExif(20, 20);
        problem(
                        file(file(as("unlucky"), "a.jpg", small, "image/jpeg"), "b.jpg", small, "image/jpeg")
                                .post("/api/products/" + id + "/images")
                                .then(),
                        503)
                .header("Retry-After", equalTo("5"));
        given().get("/api/products/" + id).then().body("images.size()", equalTo(0));
        assertEquals(2, written.size());
        for (String key : written) {
            assertThrows(
                    NoSuchKeyException.class,
                    () -> s3.headObject(b -> b.bucket(config.bucket()).key(key)));
        }
    }

    @Test
    void photosAreRemovedWithTheirListing() {
        long id = create("remover", Api.uniqueRegion());
        byte[] small = TestImages.jpegWithExif(40, 30);
        JsonPath out = file(file(as("remover"), "a.jpg", small, "image/jpeg"), "b.jpg", small, "image/jpeg")
                .post("/api/products/" + id + "/images")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        long first = out.getLong("[0].id");
        String firstKey = out.getString("[0].url").substring(12);
        String secondKey = out.getString("[1].url").substring(12);
        String secondThumb = out.getString("[1].thumbnailUrl").substring(12);

        problem(
                as("someoneelse")
                        .delete("/api/products/" + id + "/images/" + first)
                        .then(),
                403);
        problem(as("remover").delete("/api/products/" + id + "/images/99999999").then(), 404);
        as("remover").delete("/api/products/" + id + "/images/" + first).then().statusCode(204);
        problem(given().get("/api/images/" + firstKey).then(), 404);
        given().get("/api/products/" + id).then().body("images.size()", equalTo(1));

        as("remover").delete("/api/products/" + id).then().statusCode(204);
        problem(given().get("/api/images/" + secondKey).then(), 404);
        Api.await(
                "objects removed from the bucket",
                java.time.Duration.ofSeconds(20),
                () -> gone(firstKey) && gone(secondKey) && gone(secondThumb));
    }

    private boolean gone(String key) {
        try {
            s3.headObject(b -> b.bucket(config.bucket()).key(key));
            return false;
        } catch (NoSuchKeyException e) {
            return true;
        }
    }

    /**
     * Whoever can write to the store must not decide what the browser runs: the type comes from our record, the
     * store's headers are not passed on, and an object that is no longer the recorded image is refused.
     */
    @Test
    void anObjectOverwrittenInTheStoreIsNeverServedAsAnotherType() {
        long id = create("overwritten", Api.uniqueRegion());
        byte[] jpeg = TestImages.jpegWithExif(60, 40);
        JsonPath out = file(file(as("overwritten"), "a.jpg", jpeg, "image/jpeg"), "b.jpg", jpeg, "image/jpeg")
                .post("/api/products/" + id + "/images")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String url = out.getString("[0].url");
        String key = url.substring("/api/images/".length());
        byte[] served = given().get(url)
                .then()
                .statusCode(200)
                .contentType("image/jpeg")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("sandbox"))
                .extract()
                .asByteArray();

        // the same bytes, but the store now claims HTML and carries headers of its own
        s3.putObject(
                b -> b.bucket(config.bucket())
                        .key(key)
                        .contentType("text/html")
                        .cacheControl("no-cache")
                        .metadata(java.util.Map.of("x", "y")),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(served));
        var still = given().get(url)
                .then()
                .statusCode(200)
                .contentType("image/jpeg")
                .header("Content-Security-Policy", containsString("sandbox"))
                .header("Cache-Control", containsString("immutable"))
                .extract();
        assertEquals(null, still.header("x-amz-meta-x"));
        assertEquals("inline", still.header("Content-Disposition"));

        // a script page in place of the photo is refused, whatever type the store gives it
        byte[] html = "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
        s3.putObject(
                b -> b.bucket(config.bucket()).key(key).contentType("text/html"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(html));
        problem(given().get(url).then(), 404);
        s3.putObject(
                b -> b.bucket(config.bucket()).key(key).contentType("image/jpeg"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(html));
        problem(given().get(url).then(), 404);
        // another image format than the one recorded is refused too
        s3.putObject(
                b -> b.bucket(config.bucket()).key(key).contentType("image/png"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(TestImages.pngWithText(10, 10)));
        problem(given().get(url).then(), 404);
        // the listing's other photo is untouched
        given().get(out.getString("[1].url")).then().statusCode(200).contentType("image/jpeg");
    }

    /** The store the tests run against checks signatures like real S3: nobody reads or writes anonymously. */
    @Test
    void theStoreRefusesAnonymousRequests() {
        long id = create("anonymous-s3", Api.uniqueRegion());
        String url = file(as("anonymous-s3"), "a.jpg", TestImages.jpegWithExif(20, 20), "image/jpeg")
                .post("/api/products/" + id + "/images")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("[0].url");
        String endpoint = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.s3.endpoint-override", String.class);
        String object = endpoint + "/" + config.bucket() + "/" + url.substring("/api/images/".length());
        given().get(object).then().statusCode(403);
        given().get(endpoint + "/" + config.bucket()).then().statusCode(403);
        given().contentType("text/html")
                .body("<script>alert(1)</script>")
                .put(object)
                .then()
                .statusCode(403);
        given().get(url).then().statusCode(200).contentType("image/jpeg");
    }

    @Test
    void unknownImageKeysAre404() {
        problem(given().get("/api/images/00000000-0000-0000-0000-000000000000").then(), 404);
        problem(given().get("/api/images/..%2F..%2Fsecret").then(), 404);
        problem(given().get("/api/images/not-a-key").then(), 404);
        assertNotNull(config.bucket());
    }
}
