package market.notify.push;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.tracing.TracingPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * FCM's HTTP v1 send API ({@code POST /v1/projects/{project}/messages:send}, one message per request) on
 * Vert.x's non-blocking HTTP client: no thread per request, so one replica keeps thousands of sends in flight
 * with a few event-loop threads. To Google ({@code https://}) it speaks HTTP/2 (ALPN), many requests multiplexed
 * on few connections; to a plain {@code http://} override (the fake FCM of tests and benches) HTTP/1.1 keep-alive
 * connections, one per request in flight, at most {@code concurrency}. The access token comes from the
 * service-account credentials (refreshed off the event loop before it expires, and after a 401).
 *
 * <p>Answers are classified as firebase-admin does (see {@link #classify}). Nothing is retried here (the SDK
 * retried 500/503 itself): an unavailable FCM, a 429 or a failed connection is {@link TokenResult.Outcome#RETRY}
 * for that device, which the relay sends again with its own backoff from the database, without holding its
 * in-flight budget meanwhile.
 */
public final class FcmHttpClient implements AutoCloseable {

    /** A token is refreshed when it has less than this left. */
    private static final long REFRESH_MARGIN_MS = 5 * 60_000L;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory JSON_FACTORY = JSON.getFactory();

    private final Vertx vertx;
    private final HttpClient http;
    private final boolean ssl;
    private final String host;
    private final int port;
    private final String sendPath;
    private final GoogleCredentials credentials;
    private final long timeoutMs;
    private final LongSupplier clock;
    private volatile String bearer;
    private volatile long bearerUntil;
    private volatile Future<String> refreshing;

    /**
     * @param base {@code https://fcm.googleapis.com} or an override
     * @param options from {@link #options}, possibly adjusted (tests add trust for a self-signed server)
     */
    public FcmHttpClient(
            Vertx vertx,
            URI base,
            HttpClientOptions options,
            int concurrency,
            String projectId,
            GoogleCredentials credentials,
            Duration timeout) {
        this.vertx = vertx;
        this.ssl = "https".equalsIgnoreCase(base.getScheme());
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80;
        String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        this.sendPath = prefix + "/v1/projects/" + projectId + "/messages:send";
        this.credentials = credentials;
        this.timeoutMs = Math.max(1, timeout.toMillis());
        this.clock = System::currentTimeMillis;
        // HTTP/2 multiplexes (Google allows ~100 streams a connection): a connection per 100 requests in flight
        this.http = vertx.createHttpClient(
                new HttpClientOptions(options).setHttp2MultiplexingLimit(Math.min(100, Math.max(1, concurrency))),
                new PoolOptions()
                        .setHttp1MaxSize(Math.max(1, concurrency))
                        .setHttp2MaxSize(Math.max(1, (concurrency + 99) / 100))
                        .setMaxWaitQueueSize(-1));
    }

    /** Client options for {@code base}: HTTP/2 over TLS to Google, HTTP/1.1 keep-alive over plain http. */
    public static HttpClientOptions options(URI base) {
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout(5_000)
                .setKeepAlive(true)
                .setKeepAliveTimeout(60)
                .setHttp2KeepAliveTimeout(60)
                .setDecompressionSupported(true)
                // a span per push would cost more than the push; the relay's round is the unit traced
                .setTracingPolicy(TracingPolicy.IGNORE);
        if ("https".equalsIgnoreCase(base.getScheme())) {
            options.setSsl(true).setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2);
        } else {
            options.setProtocolVersion(HttpVersion.HTTP_1_1);
        }
        return options;
    }

    /** A message for one device ({@code token}) or every device subscribed to {@code topic}. */
    public static byte[] body(String token, String topic, PushMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON_FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("message");
            if (token != null) {
                g.writeStringField("token", token);
            } else {
                g.writeStringField("topic", topic);
            }
            g.writeObjectFieldStart("notification");
            if (message.title() != null) {
                g.writeStringField("title", message.title());
            }
            if (message.body() != null) {
                g.writeStringField("body", message.body());
            }
            g.writeEndObject();
            if (message.data() != null && !message.data().isEmpty()) {
                g.writeObjectFieldStart("data");
                for (Map.Entry<String, String> e : message.data().entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Sends each message; the stage completes (never exceptionally) with one result per message, in order. */
    public CompletionStage<List<TokenResult>> sendEach(List<PushSender.Addressed> messages) {
        CompletableFuture<List<TokenResult>> done = new CompletableFuture<>();
        if (messages.isEmpty()) {
            done.complete(List.of());
            return done;
        }
        TokenResult[] results = new TokenResult[messages.size()];
        AtomicInteger left = new AtomicInteger(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            int at = i;
            PushSender.Addressed a = messages.get(i);
            send(body(a.token(), null, a.message())).onComplete(r -> {
                Answer answer = r.succeeded() ? r.result() : Answer.failed(r.cause());
                results[at] = new TokenResult(a.token(), answer.outcome, answer.error);
                if (left.decrementAndGet() == 0) {
                    done.complete(List.of(results));
                }
            });
        }
        return done;
    }

    /** Sends one message (JSON from {@link #body}); never fails: an unreachable FCM is a RETRY answer. */
    public Future<Answer> send(byte[] body) {
        Buffer payload = Buffer.buffer(body);
        return token().compose(bearer -> http.request(new RequestOptions()
                                .setMethod(HttpMethod.POST)
                                .setSsl(ssl)
                                .setHost(host)
                                .setPort(port)
                                .setURI(sendPath)
                                .setConnectTimeout(timeoutMs)
                                .setIdleTimeout(timeoutMs)
                                .putHeader("Authorization", bearer)
                                .putHeader("Content-Type", "application/json; charset=UTF-8")
                                .putHeader("X-GOOG-API-FORMAT-VERSION", "2"))
                        .compose(req -> req.send(payload))
                        .compose(resp -> resp.body().map(b -> Answer.of(resp.statusCode(), b)))
                        .transform(r -> {
                            Answer a = r.succeeded() ? r.result() : Answer.failed(r.cause());
                            // FCM refused the token this request carried (not a device's APNs/web-push credentials,
                            // also a 401): a fresh one for the next request, unless it was replaced meanwhile
                            if (a.status == 401
                                    && !"THIRD_PARTY_AUTH_ERROR".equals(a.fcmErrorCode)
                                    && bearer.equals(this.bearer)) {
                                bearerUntil = 0;
                            }
                            return Future.succeededFuture(a);
                        }))
                .recover(e -> Future.succeededFuture(Answer.failed(e)));
    }

    /** The bearer header value; refreshed on a worker thread (a blocking call to Google) when close to expiry. */
    private Future<String> token() {
        String current = bearer;
        if (current != null && clock.getAsLong() < bearerUntil - REFRESH_MARGIN_MS) {
            return Future.succeededFuture(current);
        }
        Future<String> pending = refreshing;
        if (pending != null) {
            return pending;
        }
        synchronized (this) {
            if (refreshing == null) {
                boolean force = current != null && bearerUntil == 0; // after a 401: even if not near expiry
                Future<String> f = vertx.executeBlocking(() -> refresh(force), false);
                refreshing = f;
                f.onComplete(r -> refreshing = null);
            }
            return refreshing == null ? token() : refreshing;
        }
    }

    private String refresh(boolean force) throws IOException {
        AccessToken t = credentials.getAccessToken();
        long expiry = expiry(t);
        if (t == null || force || expiry - clock.getAsLong() < REFRESH_MARGIN_MS) {
            try {
                credentials.refresh();
                t = credentials.getAccessToken();
                expiry = expiry(t);
            } catch (IOException | RuntimeException e) {
                if (t == null || expiry <= clock.getAsLong()) {
                    throw e;
                }
                // not refreshable (a fixed token) or Google's token endpoint down: the current one is still valid
                expiry = Math.min(expiry, clock.getAsLong() + REFRESH_MARGIN_MS + 60_000);
            }
        }
        bearer = "Bearer " + t.getTokenValue();
        bearerUntil = expiry;
        return bearer;
    }

    private static long expiry(AccessToken t) {
        return t == null || t.getExpirationTime() == null
                ? Long.MAX_VALUE
                : t.getExpirationTime().getTime();
    }

    @Override
    public void close() {
        http.close();
    }

    /** FCM's answer to one request, classified. */
    public static final class Answer {
        final int status;
        final TokenResult.Outcome outcome;
        final String error;
        /** FCM's errorCode detail (UNREGISTERED, THIRD_PARTY_AUTH_ERROR, ...), if any. */
        final String fcmErrorCode;

        private Answer(int status, TokenResult.Outcome outcome, String error, String fcmErrorCode) {
            this.status = status;
            this.outcome = outcome;
            this.error = error;
            this.fcmErrorCode = fcmErrorCode;
        }

        public TokenResult.Outcome outcome() {
            return outcome;
        }

        public String error() {
            return error;
        }

        static Answer failed(Throwable cause) {
            return new Answer(0, TokenResult.Outcome.RETRY, "FCM unreachable: " + cause, null);
        }

        static Answer of(int status, Buffer body) {
            if (status >= 200 && status < 300) {
                return new Answer(status, TokenResult.Outcome.SENT, null, null);
            }
            String errorStatus = null;
            String errorCode = null;
            String message = null;
            try {
                JsonNode error = JSON.readTree(body.getBytes()).path("error");
                errorStatus = text(error.path("status"));
                message = text(error.path("message"));
                for (JsonNode d : error.path("details")) {
                    if (text(d.path("@type")) != null
                            && text(d.path("@type")).endsWith("google.firebase.fcm.v1.FcmError")) {
                        errorCode = text(d.path("errorCode"));
                    }
                }
            } catch (IOException | RuntimeException e) {
                message = "HTTP " + status + " with an unreadable body";
            }
            if (errorStatus == null) {
                errorStatus = statusOf(status);
            }
            TokenResult.Outcome outcome = classify(errorCode, errorStatus, message);
            String described = (errorCode != null ? errorCode : errorStatus) + ": " + message;
            return new Answer(status, outcome, described, errorCode);
        }

        private static String text(JsonNode node) {
            return node.isTextual() ? node.asText() : null;
        }
    }

    /** The gRPC status firebase-admin assumes when an error answer carries none. */
    private static String statusOf(int httpStatus) {
        return switch (httpStatus) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "CONFLICT";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 500 -> "INTERNAL";
            case 503 -> "UNAVAILABLE";
            default -> "UNKNOWN";
        };
    }

    /**
     * Dead tokens are forgotten, a malformed message is rejected, and everything else is worth retrying: FCM's
     * error code ({@code UNREGISTERED}, {@code SENDER_ID_MISMATCH}, {@code INVALID_ARGUMENT}, ...) first, then the
     * answer's status.
     */
    static TokenResult.Outcome classify(String fcmErrorCode, String status, String message) {
        if ("UNREGISTERED".equals(fcmErrorCode) || "SENDER_ID_MISMATCH".equals(fcmErrorCode)) {
            return TokenResult.Outcome.INVALID_TOKEN;
        }
        if ("INVALID_ARGUMENT".equals(fcmErrorCode) || "INVALID_ARGUMENT".equals(status)) {
            String text = String.valueOf(message).toLowerCase(Locale.ROOT);
            return text.contains("registration token")
                    ? TokenResult.Outcome.INVALID_TOKEN
                    : TokenResult.Outcome.REJECTED;
        }
        return TokenResult.Outcome.RETRY;
    }
}
