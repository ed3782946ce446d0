package market.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for notify's POST /internal/events on loopback: records what it accepts (with the caller's
 * token) and can be switched "down" (503) to prove the outbox keeps and retries events.
 */
public class FakeNotify implements QuarkusTestResourceLifecycleManager {

    /** An accepted event with the caller's user and its W3C traceparent header (null without one). */
    public record Received(JsonNode event, String tokenUser, String traceparent) {}

    public static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    /** How long each event takes to be accepted (0: at once), to see how many the relay keeps in flight. */
    public static volatile int slowMillis;
    /** Most events being accepted at the same time so far. */
    public static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();

    private static final AtomicInteger AT_ONCE = new AtomicInteger();
    public static volatile boolean down;
    public static volatile int refused;
    /** Events for this recipient are refused with 422 (an event notify can never accept); counted in REJECTED. */
    public static volatile String rejectRecipient;

    public static final List<JsonNode> REJECTED = new CopyOnWriteArrayList<>();

    /** Users notify was told deleted their account (POST /internal/accounts/{id}/deleted), one entry per call. */
    public static final List<String> DELETED_ACCOUNTS = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/events", ex -> {
            int now = AT_ONCE.incrementAndGet();
            MOST_AT_ONCE.accumulateAndGet(now, Math::max);
            try {
                events(ex);
            } finally {
                AT_ONCE.decrementAndGet();
            }
        });
        server.createContext("/internal/accounts/", ex -> {
            ex.getRequestBody().readAllBytes();
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String path = ex.getRequestURI().getPath();
            int status;
            if (down) {
                status = 503;
            } else if (auth == null || !auth.startsWith("Bearer ")) {
                status = 401;
            } else if (ex.getRequestMethod().equals("POST") && path.endsWith("/deleted")) {
                DELETED_ACCOUNTS.add(
                        path.substring("/internal/accounts/".length(), path.length() - "/deleted".length()));
                status = 204;
            } else {
                status = 404;
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
        return Map.of(
                "market.notify-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void events(HttpExchange ex) throws IOException {
        if (slowMillis > 0) {
            try {
                Thread.sleep(slowMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        int status;
        if (down) {
            refused++;
            status = 503;
        } else if (auth == null || !auth.startsWith("Bearer ")) {
            status = 401;
        } else {
            JsonNode event = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            if (rejectRecipient != null
                    && rejectRecipient.equals(event.path("recipientId").asText())) {
                REJECTED.add(event);
                status = 422;
            } else {
                RECEIVED.add(
                        new Received(event, user(auth), ex.getRequestHeaders().getFirst("traceparent")));
                status = 202;
            }
        }
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    private static String user(String auth) {
        try {
            String payload = auth.substring(7).split("\\.")[1];
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(payload));
            return claims.path("preferred_username").asText();
        } catch (IOException | RuntimeException e) {
            return "unreadable token";
        }
    }

    /**
     * Events received so far for a recipient and type, one per idempotency key, as notify would keep
     * them: delivery is at least once (a timed-out call is retried), notify drops repeats by key.
     */
    public static List<JsonNode> to(String recipientId, String type) {
        Map<String, JsonNode> byKey = new java.util.LinkedHashMap<>();
        RECEIVED.stream()
                .map(Received::event)
                .filter(e -> e.path("recipientId").asText().equals(recipientId)
                        && e.path("type").asText().equals(type))
                .forEach(e -> byKey.putIfAbsent(e.path("idempotencyKey").asText(), e));
        return List.copyOf(byKey.values());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
