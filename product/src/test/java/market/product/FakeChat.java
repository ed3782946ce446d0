package market.product;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for chat's GET /internal/messages/{id} on loopback: answers the messages a test put in
 * {@link #MESSAGES} (404 for others, 401 without a bearer token) and can be switched "down" (503).
 */
public class FakeChat implements QuarkusTestResourceLifecycleManager {

    public static final Map<Long, Map<String, Object>> MESSAGES = new ConcurrentHashMap<>();
    public static volatile boolean down;
    /** How many requests reached the fake with a bearer token. */
    public static final AtomicLong CALLS = new AtomicLong();

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    /** A message in a room of {@code seller} and {@code buyer}, sent by {@code sender}; its id. */
    public static long message(String senderId, String sellerId, String buyerId, String content) {
        long id = IDS.incrementAndGet();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("roomId", id + 7);
        m.put("productId", 1);
        m.put("senderId", senderId);
        m.put("sellerId", sellerId);
        m.put("buyerId", buyerId);
        m.put("type", "TEXT");
        m.put("content", content);
        m.put("sentAt", "2026-12-01T10:00:00Z");
        MESSAGES.put(id, m);
        return id;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/messages/", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            byte[] body = new byte[0];
            int status;
            if (down) {
                status = 503;
            } else if (auth == null || !auth.startsWith("Bearer ")) {
                status = 401;
            } else {
                CALLS.incrementAndGet();
                String tail = ex.getRequestURI().getPath().substring("/internal/messages/".length());
                Map<String, Object> m = null;
                try {
                    m = MESSAGES.get(Long.parseLong(tail));
                } catch (NumberFormatException e) {
                    // 404 below
                }
                if (m == null) {
                    status = 404;
                } else {
                    status = 200;
                    body = JSON.writeValueAsString(m).getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().add("Content-Type", "application/json");
                }
            }
            ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
        return Map.of(
                "market.moderation.chat-url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
