package market.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake FCM on loopback speaking the HTTP v1 send and topic-subscription APIs as the real
 * firebase-admin SDK calls them. It records every send attempt, can be told to answer the next N sends
 * with 503 or 500 (an outage), and answers 404 UNREGISTERED / 400 INVALID_ARGUMENT for tokens marked dead.
 * Tests drive and read it over HTTP ({@code /_fake/...}, see {@link Fcm}) because the service and the test
 * may live in different class loaders.
 */
public final class FakeFcm {

    public static final String PROJECT = "market-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<ObjectNode> requests = new ArrayList<>();
    private final Map<String, Set<String>> topics = new ConcurrentHashMap<>();
    private final Set<String> unregistered = ConcurrentHashMap.newKeySet();
    private final Set<String> invalid = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile int failStatus = 503;
    private final AtomicLong ids = new AtomicLong();

    private FakeFcm(HttpServer server) {
        this.server = server;
    }

    public static FakeFcm start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeFcm fake = new FakeFcm(server);
            server.setExecutor(Executors.newFixedThreadPool(16));
            server.createContext("/v1/projects/", fake::send);
            server.createContext("/_fake/", fake::control);
            server.createContext("/", fake::unknown);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    private void send(HttpExchange ex) throws IOException {
        String prefix = "/v1/projects/" + PROJECT + "/";
        String path = ex.getRequestURI().getRawPath();
        if (!path.startsWith(prefix)) {
            unknown(ex);
            return;
        }
        String rest = path.substring(prefix.length());
        if (rest.startsWith("registrations/")) {
            topic(ex, rest);
            return;
        }
        if (!rest.equals("messages:send") || !"POST".equals(ex.getRequestMethod())) {
            unknown(ex);
            return;
        }
        if (!String.valueOf(ex.getRequestHeaders().getFirst("Authorization")).startsWith("Bearer ")) {
            reply(ex, 401, "{\"error\":{\"code\":401,\"message\":\"no token\",\"status\":\"UNAUTHENTICATED\"}}");
            return;
        }
        JsonNode body = JSON.readTree(ex.getRequestBody());
        JsonNode message = body.path("message");
        String token = message.path("token").asText(null);
        int status;
        String answer;
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            status = failStatus;
            answer = status == 503
                    ? "{\"error\":{\"code\":503,\"message\":\"The service is currently unavailable.\",\"status\":\"UNAVAILABLE\"}}"
                    : "{\"error\":{\"code\":" + status
                            + ",\"message\":\"Internal error encountered.\",\"status\":\"INTERNAL\"}}";
        } else if (token != null && unregistered.contains(token)) {
            status = 404;
            answer = fcmError(404, "Requested entity was not found.", "NOT_FOUND", "UNREGISTERED");
        } else if (token != null && invalid.contains(token)) {
            status = 400;
            answer = fcmError(
                    400,
                    "The registration token is not a valid FCM registration token",
                    "INVALID_ARGUMENT",
                    "INVALID_ARGUMENT");
        } else {
            status = 200;
            answer = "{\"name\":\"projects/" + PROJECT + "/messages/" + ids.incrementAndGet() + "\"}";
        }
        ObjectNode record = JSON.createObjectNode();
        record.put("status", status);
        record.set("message", message);
        synchronized (requests) {
            requests.add(record);
        }
        reply(ex, status, answer);
    }

    private static String fcmError(int code, String message, String status, String errorCode) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status
                + "\",\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\""
                + errorCode + "\"}]}}";
    }

    private void unknown(HttpExchange ex) throws IOException {
        ObjectNode record = JSON.createObjectNode();
        record.put("status", 404);
        record.put("unknownPath", ex.getRequestMethod() + " " + ex.getRequestURI());
        synchronized (requests) {
            requests.add(record);
        }
        reply(ex, 404, "{\"error\":{\"code\":404,\"message\":\"unknown\",\"status\":\"NOT_FOUND\"}}");
    }

    /**
     * FCM v1 topic management, one call per token: POST registrations/{token}/topicSubscriptions?topic_name=t
     * subscribes, DELETE registrations/{token}/topicSubscriptions/{t} unsubscribes.
     */
    private void topic(HttpExchange ex, String rest) throws IOException {
        String[] parts = rest.split("/");
        if (parts.length < 3 || !"topicSubscriptions".equals(parts[2])) {
            unknown(ex);
            return;
        }
        String token = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
        boolean add = "POST".equals(ex.getRequestMethod());
        String topic = add
                ? query(ex.getRequestURI().getRawQuery()).get("topic_name")
                : URLDecoder.decode(parts.length > 3 ? parts[3] : "", StandardCharsets.UTF_8);
        ex.getRequestBody().readAllBytes();
        if (unregistered.contains(token)) {
            reply(ex, 404, fcmError(404, "Requested entity was not found.", "NOT_FOUND", "UNREGISTERED"));
            return;
        }
        Set<String> members = topics.computeIfAbsent(topic, k -> ConcurrentHashMap.newKeySet());
        if (add) {
            members.add(token);
        } else {
            members.remove(token);
        }
        reply(ex, 200, "{}");
    }

    private void control(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath().substring("/_fake/".length());
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        switch (path) {
            case "requests" -> {
                synchronized (requests) {
                    reply(ex, 200, JSON.valueToTree(requests).toString());
                }
            }
            case "topics" -> {
                Map<String, Set<String>> copy = new TreeMap<>();
                topics.forEach((k, v) -> copy.put(k, new TreeSet<>(v)));
                reply(ex, 200, JSON.writeValueAsString(copy));
            }
            case "fail" -> {
                failStatus = Integer.parseInt(q.getOrDefault("status", "503"));
                failures.set(Integer.parseInt(q.getOrDefault("count", "1")));
                reply(ex, 200, "{}");
            }
            case "unregister" -> {
                unregistered.add(q.get("token"));
                reply(ex, 200, "{}");
            }
            case "invalid" -> {
                invalid.add(q.get("token"));
                reply(ex, 200, "{}");
            }
            default -> reply(ex, 404, "{}");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
