package market.notify.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The FCM v1 client against an FCM stand-in speaking what Google's does: HTTPS with HTTP/2 chosen by ALPN, at most
 * 100 streams per connection, FCM's error bodies, bearer tokens checked.
 */
class FcmHttpClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT = "p1";

    private static Vertx vertx;
    private static HttpServer server;
    private static Path keys;
    private static final AtomicInteger connections = new AtomicInteger();
    private static final AtomicInteger inFlight = new AtomicInteger();
    private static final AtomicInteger maxInFlight = new AtomicInteger();
    private static final Set<HttpVersion> versions = ConcurrentHashMap.newKeySet();
    private static final List<String> bearers = new ArrayList<>();
    /** How many of the next requests are answered 503 / 401. */
    private static final AtomicInteger unavailable = new AtomicInteger();

    private static final AtomicInteger unauthorized = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        // a self-signed certificate for localhost (Netty cannot make one on this JDK without Bouncy Castle)
        keys = Files.createTempDirectory("fcm-tls");
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(
                keytool,
                "-genkeypair",
                "-keyalg",
                "EC",
                "-alias",
                "fcm",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keys.resolve("server.p12").toString(),
                "-storepass",
                "secret");
        run(
                keytool,
                "-exportcert",
                "-rfc",
                "-alias",
                "fcm",
                "-keystore",
                keys.resolve("server.p12").toString(),
                "-storepass",
                "secret",
                "-file",
                keys.resolve("server.pem").toString());
        server = vertx.createHttpServer(new HttpServerOptions()
                .setSsl(true)
                .setUseAlpn(true)
                .setKeyCertOptions(new PfxOptions()
                        .setPath(keys.resolve("server.p12").toString())
                        .setPassword("secret"))
                .setHost("127.0.0.1")
                .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(100)));
        server.connectionHandler(c -> connections.incrementAndGet());
        server.requestHandler(FcmHttpClientTest::answer);
        server.listen(0).toCompletionStage().toCompletableFuture().join();
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        for (String f : List.of("server.p12", "server.pem")) {
            Files.deleteIfExists(keys.resolve(f));
        }
        Files.deleteIfExists(keys);
    }

    @BeforeEach
    void reset() {
        connections.set(0);
        maxInFlight.set(0);
        versions.clear();
        synchronized (bearers) {
            bearers.clear();
        }
    }

    private static void answer(HttpServerRequest req) {
        versions.add(req.version());
        synchronized (bearers) {
            bearers.add(req.getHeader("Authorization"));
        }
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        req.body().onSuccess(b -> {
            JsonNode message;
            try {
                message = JSON.readTree(b.getBytes()).path("message");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            String token = message.path("token").asText();
            int status;
            String body;
            if (!req.path().equals("/v1/projects/" + PROJECT + "/messages:send")) {
                status = 404;
                body = "{\"error\":{\"code\":404,\"message\":\"no such path\",\"status\":\"NOT_FOUND\"}}";
            } else if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 503;
                body = "{\"error\":{\"code\":503,\"message\":\"The service is currently unavailable.\","
                        + "\"status\":\"UNAVAILABLE\"}}";
            } else if (unauthorized.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 401;
                body = "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\","
                        + "\"status\":\"UNAUTHENTICATED\"}}";
            } else if (token.startsWith("apns")) {
                status = 401;
                body = fcmError(
                        401, "Auth error from APNS or Web Push Service", "UNAUTHENTICATED", "THIRD_PARTY_AUTH_ERROR");
            } else if (token.startsWith("dead")) {
                status = 404;
                body = fcmError(404, "Requested entity was not found.", "NOT_FOUND", "UNREGISTERED");
            } else if (token.startsWith("bogus")) {
                status = 400;
                body = fcmError(
                        400,
                        "The registration token is not a valid FCM registration token",
                        "INVALID_ARGUMENT",
                        "INVALID_ARGUMENT");
            } else if (message.path("notification").path("title").asText().isEmpty()) {
                status = 400;
                body =
                        "{\"error\":{\"code\":400,\"message\":\"Invalid JSON payload\",\"status\":\"INVALID_ARGUMENT\"}}";
            } else {
                status = 200;
                body = "{\"name\":\"projects/" + PROJECT + "/messages/" + token + "\"}";
            }
            // answer a little later, as a real server does, so that requests overlap
            vertx.setTimer(5, t -> {
                inFlight.decrementAndGet();
                req.response()
                        .setStatusCode(status)
                        .putHeader("Content-Type", "application/json; charset=UTF-8")
                        .end(body);
            });
        });
    }

    private static String fcmError(int code, String message, String status, String errorCode) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status
                + "\",\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\","
                + "\"errorCode\":\"" + errorCode + "\"}]}}";
    }

    /** Credentials that hand out t1, t2, ... one per refresh, each valid for an hour. */
    static final class Counting extends GoogleCredentials {
        final AtomicInteger refreshes = new AtomicInteger();

        @Override
        public AccessToken refreshAccessToken() {
            return new AccessToken("t" + refreshes.incrementAndGet(), new Date(System.currentTimeMillis() + 3_600_000));
        }
    }

    private static FcmHttpClient client(GoogleCredentials credentials) {
        URI base = URI.create("https://localhost:" + server.actualPort());
        return new FcmHttpClient(
                vertx,
                base,
                FcmHttpClient.options(base)
                        .setTrustOptions(new PemTrustOptions()
                                .addCertPath(keys.resolve("server.pem").toString())),
                100,
                PROJECT,
                credentials,
                Duration.ofSeconds(5));
    }

    private static List<TokenResult> send(FcmHttpClient client, List<String> tokens, String title) {
        PushMessage message = new PushMessage(title, "본문", Map.of("type", "CHAT"));
        return client.sendEach(tokens.stream()
                        .map(t -> new PushSender.Addressed(t, message))
                        .toList())
                .toCompletableFuture()
                .join();
    }

    @Test
    void fiveHundredMessagesGoMultiplexedOverOneHttp2ConnectionAndEachGetsItsOutcome() {
        Counting credentials = new Counting();
        try (FcmHttpClient client = client(credentials)) {
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                tokens.add(i % 50 == 7 ? "dead-" + i : i % 50 == 9 ? "bogus-" + i : "ok-" + i);
            }
            List<TokenResult> results = send(client, tokens, "제목");
            assertEquals(500, results.size());
            for (int i = 0; i < 500; i++) {
                assertEquals(tokens.get(i), results.get(i).token());
                TokenResult.Outcome expected =
                        tokens.get(i).startsWith("ok") ? TokenResult.Outcome.SENT : TokenResult.Outcome.INVALID_TOKEN;
                assertEquals(
                        expected,
                        results.get(i).outcome(),
                        tokens.get(i) + ": " + results.get(i).error());
            }
            assertEquals(Set.of(HttpVersion.HTTP_2), versions);
            assertEquals(1, connections.get(), "one HTTP/2 connection carries 100 requests at once");
            assertTrue(maxInFlight.get() > 50 && maxInFlight.get() <= 100, "in flight at once: " + maxInFlight);
            assertEquals(1, credentials.refreshes.get(), "one access token for all of them");
            synchronized (bearers) {
                assertEquals(Set.of("Bearer t1"), Set.copyOf(bearers));
            }
        }
    }

    @Test
    void aMessageFcmRefusesIsRejectedNotRetried() {
        try (FcmHttpClient client = client(new Counting())) {
            TokenResult r = send(client, List.of("ok-1"), "").get(0);
            assertEquals(TokenResult.Outcome.REJECTED, r.outcome(), r.error());
            assertTrue(r.error().startsWith("INVALID_ARGUMENT: Invalid JSON payload"), r.error());
        }
    }

    @Test
    void anUnavailableFcmIsARetryForThoseDevicesOnly() {
        try (FcmHttpClient client = client(new Counting())) {
            unavailable.set(2);
            List<TokenResult> r = send(client, List.of("ok-r1", "ok-r2", "ok-r3"), "a");
            assertEquals(
                    2,
                    r.stream()
                            .filter(t -> t.outcome() == TokenResult.Outcome.RETRY)
                            .count(),
                    r.toString());
            assertEquals(
                    1,
                    r.stream()
                            .filter(t -> t.outcome() == TokenResult.Outcome.SENT)
                            .count(),
                    r.toString());
            assertTrue(
                    r.stream()
                            .filter(t -> t.error() != null)
                            .allMatch(t -> t.error().startsWith("UNAVAILABLE")),
                    r.toString());
            synchronized (bearers) {
                assertEquals(3, bearers.size(), "asked once each: the relay retries later");
            }
        } finally {
            unavailable.set(0);
        }
    }

    @Test
    void aRejectedAccessTokenIsReplacedBeforeTheNextRequest() {
        Counting credentials = new Counting();
        try (FcmHttpClient client = client(credentials)) {
            unauthorized.set(1);
            TokenResult first = send(client, List.of("ok-a"), "a").get(0);
            assertEquals(TokenResult.Outcome.RETRY, first.outcome(), "the relay retries it later");
            assertTrue(first.error().startsWith("UNAUTHENTICATED"), first.error());
            TokenResult second = send(client, List.of("ok-b"), "a").get(0);
            assertEquals(TokenResult.Outcome.SENT, second.outcome(), second.error());
            synchronized (bearers) {
                assertEquals(List.of("Bearer t1", "Bearer t2"), bearers);
            }
        } finally {
            unauthorized.set(0);
        }
    }

    @Test
    void aDevicesApnsCredentialsRefusedAreNoReasonToReplaceTheAccessToken() {
        Counting credentials = new Counting();
        try (FcmHttpClient client = client(credentials)) {
            TokenResult r = send(client, List.of("apns-ios"), "a").get(0);
            assertEquals(TokenResult.Outcome.RETRY, r.outcome(), r.error());
            assertEquals(
                    TokenResult.Outcome.SENT,
                    send(client, List.of("ok-c"), "a").get(0).outcome());
            synchronized (bearers) {
                assertEquals(List.of("Bearer t1", "Bearer t1"), bearers);
            }
            assertEquals(1, credentials.refreshes.get());
        }
    }

    @Test
    void anUnreachableFcmIsARetryForTheRelayNotAFailedCall() {
        URI base = URI.create("http://127.0.0.1:1");
        try (FcmHttpClient client = new FcmHttpClient(
                vertx, base, FcmHttpClient.options(base), 4, PROJECT, new Counting(), Duration.ofSeconds(2))) {
            FcmHttpClient.Answer a = client.send(FcmHttpClient.body("ok-x", null, new PushMessage("a", "b", Map.of())))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .join();
            assertEquals(TokenResult.Outcome.RETRY, a.outcome());
            assertTrue(a.error().startsWith("FCM unreachable"), a.error());
        }
    }

    @Test
    void theBodyIsFcmsMessageShape() throws IOException {
        JsonNode json = JSON.readTree(FcmHttpClient.body(
                "tok", null, new PushMessage("(광고) \"t\"", "b\nc", Map.of("noticeId", "7", "type", "AD"))));
        assertEquals("tok", json.path("message").path("token").asText());
        assertEquals(
                "(광고) \"t\"",
                json.path("message").path("notification").path("title").asText());
        assertEquals(
                "b\nc", json.path("message").path("notification").path("body").asText());
        assertEquals("7", json.path("message").path("data").path("noticeId").asText());
        JsonNode topic = JSON.readTree(FcmHttpClient.body(null, "all", new PushMessage("a", "b", Map.of())));
        assertEquals("all", topic.path("message").path("topic").asText());
        assertTrue(topic.path("message").path("token").isMissingNode());
    }
}
