package market.product;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import market.testing.Tokens;

/** Small helpers shared by the API tests. */
final class Api {

    private Api() {}

    static RequestSpecification as(String username) {
        return given().auth().oauth2(Tokens.user(username));
    }

    static RequestSpecification json(String username) {
        return as(username).contentType(ContentType.JSON);
    }

    /** Region codes in the order of product/regions/regions.csv. */
    private static final List<String> CODES = regionCodes();

    private static final AtomicInteger NEXT_REGION = new AtomicInteger();

    private static List<String> regionCodes() {
        try {
            return Files.readAllLines(Path.of("regions/regions.csv")).stream()
                    .skip(1)
                    .map(line -> line.substring(0, 10))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A region code no other test uses (one per call, in code order), so feed assertions made with range 0 see only
     * this test's listings.
     */
    static String uniqueRegion() {
        return CODES.get(NEXT_REGION.getAndIncrement());
    }

    static String body(String title, long price, String category, String region) {
        return """
                {"title":%s,"description":"상태 좋아요. 직거래 원해요","price":%d,"negotiable":true,\
                "category":"%s","regionCode":"%s"}""".formatted(quote(title), price, category, region);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static long create(String seller, String title, long price, String category, String region) {
        return ((Number) json(seller)
                        .body(body(title, price, category, region))
                        .post("/api/products")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
    }

    static long create(String seller, String region) {
        return create(seller, "테스트 상품", 10000, "DIGITAL", region);
    }

    /** chat's report that this user opened a room on the listing: makes them eligible as its buyer. */
    static void chatted(long productId, String buyer) {
        long roomId = ROOMS.incrementAndGet();
        given().auth()
                .oauth2(Tokens.service("chat-service"))
                .contentType(io.restassured.http.ContentType.JSON)
                .body("{\"buyerId\":\"" + Tokens.idOf(buyer) + "\"}")
                .put("/internal/products/" + productId + "/chats/" + roomId)
                .then()
                .statusCode(204);
    }

    private static final java.util.concurrent.atomic.AtomicLong ROOMS =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime() % 1_000_000_000L);

    static ValidatableResponse problem(ValidatableResponse r, int status) {
        return r.statusCode(status).contentType("application/problem+json");
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        fail("timed out waiting for " + what);
    }
}
