package market.product;

import static market.product.Api.as;
import static market.product.Api.create;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import market.product.config.ProductConfig;
import market.testing.TestImages;
import market.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Malformed multipart bodies are the client's mistake: each is a 4xx problem+json, never a 500, whoever
 * sends it and whichever listing it names, and nothing reaches the bucket.
 */
@QuarkusTest
class MultipartFuzzTest {

    private static final String B = "fuzzBoundary42";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TestHTTPResource("/")
    URI base;

    @Inject
    S3Client s3;

    @Inject
    ProductConfig config;

    private static byte[] jpeg() {
        return TestImages.jpegWithExif(40, 30);
    }

    private static byte[] bytes(Object... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : pieces) {
            byte[] b = p instanceof byte[] raw ? raw : p.toString().getBytes(StandardCharsets.ISO_8859_1);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static String partHead(String boundary) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n";
    }

    private static byte[] wellFormed(byte[] image) {
        return bytes(partHead(B), image, "\r\n--" + B + "--\r\n");
    }

    static Stream<Arguments> malformed() {
        byte[] img = jpeg();
        String multipart = "multipart/form-data; boundary=" + B;
        return Stream.of(
                Arguments.of("missing closing boundary", multipart, bytes(partHead(B), img, "\r\n"), 400),
                Arguments.of(
                        "closing boundary without its dashes", multipart, bytes(partHead(B), img, "\r\n--" + B), 400),
                Arguments.of(
                        "closing boundary cut short",
                        multipart,
                        bytes(partHead(B), img, "\r\n--" + B.substring(0, 5)),
                        400),
                Arguments.of(
                        "truncated mid-part",
                        multipart,
                        bytes(partHead(B), java.util.Arrays.copyOf(img, img.length / 2)),
                        400),
                Arguments.of(
                        "truncated inside the part headers",
                        multipart,
                        bytes("--" + B + "\r\nContent-Disposition: form-data; name=\"fi"),
                        400),
                Arguments.of(
                        "headers without the blank line",
                        multipart,
                        bytes("--" + B + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.jpg\"\r\n"),
                        400),
                Arguments.of("no boundary parameter", "multipart/form-data", wellFormed(img), 400),
                Arguments.of("empty boundary parameter", "multipart/form-data; boundary=", wellFormed(img), 400),
                Arguments.of("wrong boundary", "multipart/form-data; boundary=somethingElse", wellFormed(img), 400),
                Arguments.of("empty body", multipart, new byte[0], 400),
                Arguments.of("only the closing boundary", multipart, bytes("--" + B + "--\r\n"), 400),
                Arguments.of(
                        "huge part header line",
                        multipart,
                        bytes(
                                "--" + B + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                                        + "a".repeat(200_000) + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n",
                                img,
                                "\r\n--" + B + "--\r\n"),
                        400),
                Arguments.of(
                        "part without a name",
                        multipart,
                        bytes(
                                "--" + B + "\r\nContent-Disposition: form-data; filename=\"a.jpg\"\r\n"
                                        + "Content-Type: image/jpeg\r\n\r\n",
                                img,
                                "\r\n--" + B + "--\r\n"),
                        400),
                Arguments.of(
                        "file part without a filename",
                        multipart,
                        bytes(
                                "--" + B + "\r\nContent-Disposition: form-data; name=\"files\"\r\n"
                                        + "Content-Type: image/jpeg\r\n\r\n",
                                img,
                                "\r\n--" + B + "--\r\n"),
                        400),
                Arguments.of(
                        "part without Content-Disposition",
                        multipart,
                        bytes("--" + B + "\r\nContent-Type: image/jpeg\r\n\r\n", img, "\r\n--" + B + "--\r\n"),
                        400),
                Arguments.of("boundary declared, JSON sent", multipart, bytes("{\"files\":[\"x\"]}"), 400),
                Arguments.of("garbage before the first boundary only", multipart, bytes("hello world\r\n"), 400),
                Arguments.of("not multipart at all", "application/json", bytes("{\"files\":[]}"), 415),
                Arguments.of("form-urlencoded", "application/x-www-form-urlencoded", bytes("files=abc"), 415));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedMultipartIsAClientErrorForEveryone(String name, String contentType, byte[] body, int status)
            throws Exception {
        long id = create("mp-owner", Api.uniqueRegion());
        Set<String> before = keys();
        for (String caller : List.of("mp-owner", "mp-stranger")) {
            for (long product : List.of(id, 987_654_321L)) {
                HttpResponse<String> r = post(product, caller, contentType, body);
                assertEquals(status, r.statusCode(), name + " as " + caller + " on " + product + ": " + r.body());
                assertTrue(
                        r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                        name + ": " + r.headers().map());
                assertTrue(r.body().contains("\"status\":" + status), r.body());
            }
        }
        as("mp-owner")
                .get("/api/products/" + id)
                .then()
                .statusCode(200)
                .body("images.size()", org.hamcrest.Matchers.equalTo(0));
        Set<String> added = new HashSet<>(keys());
        added.removeAll(before);
        assertEquals(Set.of(), added, "nothing may be stored for " + name);
    }

    /** The same request, well formed, is accepted: the cases above fail for their flaw and nothing else. */
    @Test
    void theWellFormedBodyIsAccepted() throws Exception {
        long id = create("mp-owner", Api.uniqueRegion());
        HttpResponse<String> r = post(id, "mp-owner", "multipart/form-data; boundary=" + B, wellFormed(jpeg()));
        assertEquals(201, r.statusCode(), r.body());
    }

    /**
     * Every prefix of a valid body that stops before its closing delimiter, and seeded random byte
     * mutations of its framing: never a 5xx, and every refusal is problem+json.
     */
    @Test
    void truncationsAndMutationsNeverAnswer5xx() throws Exception {
        long id = create("mp-owner", Api.uniqueRegion());
        byte[] img = jpeg();
        byte[] valid =
                bytes(partHead(B), img, "\r\n", partHead(B).replace("a.jpg", "b.jpg"), img, "\r\n--" + B + "--\r\n");
        String type = "multipart/form-data; boundary=" + B;
        List<byte[]> bodies = new ArrayList<>();
        int closing = valid.length - ("\r\n--" + B + "--\r\n").length();
        for (int cut = 0; cut < closing; cut += Math.max(1, closing / 60)) {
            bodies.add(java.util.Arrays.copyOf(valid, cut));
        }
        bodies.add(java.util.Arrays.copyOf(valid, closing));
        Random random = new Random(20261201L);
        int head = partHead(B).length();
        for (int i = 0; i < 40; i++) {
            byte[] mutated = valid.clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                // the framing (first part's headers or the closing delimiter) is where a parser can go wrong
                int at = random.nextBoolean() ? random.nextInt(head) : closing + random.nextInt(valid.length - closing);
                mutated[at] = (byte) "\r\n-\"; =:x\0".charAt(random.nextInt(10));
            }
            bodies.add(mutated);
        }
        for (int i = 0; i < bodies.size(); i++) {
            HttpResponse<String> r = post(id, "mp-owner", type, bodies.get(i));
            assertTrue(r.statusCode() < 500, "body #" + i + " answered " + r.statusCode() + ": " + r.body());
            if (r.statusCode() >= 400) {
                assertTrue(
                        r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                        "body #" + i + ": " + r.headers().map());
            }
        }
    }

    private HttpResponse<String> post(long product, String caller, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/api/products/" + product + "/images"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + Tokens.user(caller))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private Set<String> keys() {
        Set<String> keys = new HashSet<>();
        s3.listObjectsV2Paginator(b -> b.bucket(config.bucket())).contents().stream()
                .map(S3Object::key)
                .forEach(keys::add);
        return keys;
    }
}
