package market.chat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import market.testing.Processes;
import market.testing.Tokens;

/**
 * Real HTTP servers standing in for the product service (GET /api/products/{id}, the DESIGN section 5 shape)
 * and notify (POST /internal/events). Tests register products, read received events, and take either
 * server down (its port then refuses connections) and up again on the same port.
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

    /** A received /internal/events call: its Authorization header and JSON body. */
    public record Received(String authorization, String body) {}

    private static final Map<Long, String> PRODUCTS = new ConcurrentHashMap<>();
    private static final List<Received> EVENTS = new CopyOnWriteArrayList<>();
    /** Trace and request headers of every call to the fake product service, by "METHOD path". */
    private static final Map<String, Map<String, String>> PRODUCT_CALL_HEADERS = new ConcurrentHashMap<>();

    private static final List<Received> CHATS_OPENED = new CopyOnWriteArrayList<>();
    /** product's feed of deleted accounts (GET /internal/accounts/deleted?after=&size=): user ids, seq = index + 1. */
    private static final List<String> DELETED_ACCOUNTS = new CopyOnWriteArrayList<>();
    /** 차단 as product's GET /internal/users/{id}/blocks answers it: user id → everyone in a block with them. */
    private static final Map<String, java.util.Set<String>> BLOCKS = new ConcurrentHashMap<>();
    /** Authorization headers of the calls to GET /internal/users/{id}/blocks. */
    private static final List<String> BLOCK_CALLS = new CopyOnWriteArrayList<>();

    private static final Map<String, String> CHAT_OPENED_BODIES = new ConcurrentHashMap<>();
    /** PUT /internal/products/{id}/reservation calls received (body) by product id, and the answer to give. */
    private static final Map<Long, List<String>> RESERVATIONS = new ConcurrentHashMap<>();

    private static final Map<Long, Integer> RESERVATION_ANSWERS = new ConcurrentHashMap<>();
    private static int productPort;
    private static int notifyPort;
    private static HttpServer product;
    private static HttpServer notify;

    @Override
    public Map<String, String> start() {
        productPort = Processes.freePort();
        notifyPort = Processes.freePort();
        productUp();
        notifyUp();
        return Map.of(
                "market.chat.product-url",
                "http://127.0.0.1:" + productPort,
                "market.chat.notify-url",
                "http://127.0.0.1:" + notifyPort);
    }

    @Override
    public void stop() {
        productDown();
        notifyDown();
    }

    public static void product(long id, String sellerUsername, String title, long price) {
        product(id, sellerUsername, title, price, false, "ON_SALE");
    }

    public static void product(
            long id, String sellerUsername, String title, long price, boolean negotiable, String status) {
        PRODUCTS.put(
                id, """
                {"id":%d,"title":"%s","description":"d","price":%d,"negotiable":%b,"category":"DIGITAL",
                 "region":"역삼동","status":"%s","seller":{"id":"%s","nickname":"%s","mannerTemperature":36.5},
                 "images":[{"id":1,"url":"/api/images/a.jpg","thumbnailUrl":"/api/images/a-thumb.jpg","width":10,"height":10}],
                 "likeCount":0,"chatCount":0,"commentCount":0,"viewCount":1,"liked":false,
                 "createdAt":"2026-11-26T10:00:00Z","updatedAt":"2026-11-26T10:00:00Z","bumpedAt":"2026-11-26T10:00:00Z","version":0}""".formatted(id, title, price, negotiable, status, Tokens.idOf(sellerUsername), sellerUsername));
    }

    /** product deleted this account (탈퇴): it appears in the feed chat reads. */
    public static void accountDeleted(String username) {
        DELETED_ACCOUNTS.add(Tokens.idOf(username));
    }

    /** One user blocks the other: from now on the fake product answers the block for both of them. */
    public static void block(String userId, String otherId) {
        BLOCKS.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet()).add(otherId);
        BLOCKS.computeIfAbsent(otherId, k -> ConcurrentHashMap.newKeySet()).add(userId);
    }

    public static void unblock(String userId, String otherId) {
        BLOCKS.getOrDefault(userId, java.util.Set.of()).remove(otherId);
        BLOCKS.getOrDefault(otherId, java.util.Set.of()).remove(userId);
    }

    public static List<String> blockCalls() {
        return List.copyOf(BLOCK_CALLS);
    }

    public static List<Received> events() {
        return List.copyOf(EVENTS);
    }

    /** PUT /internal/products/{id}/chats/{roomId} calls received: the path as body. */
    public static List<Received> chatsOpened() {
        return List.copyOf(CHATS_OPENED);
    }

    /** The JSON body of the last call "PUT /internal/products/{id}/chats/{roomId}", or null. */
    public static String chatOpenedBody(String call) {
        return CHAT_OPENED_BODIES.get(call);
    }

    /** traceparent and X-Request-Id (absent ones left out) of the last call "METHOD path" to product, or null. */
    public static Map<String, String> productCallHeaders(String call) {
        return PRODUCT_CALL_HEADERS.get(call);
    }

    private static void recordHeaders(HttpExchange ex) {
        Map<String, String> headers = new java.util.HashMap<>();
        for (String name : List.of("traceparent", "X-Request-Id")) {
            String value = ex.getRequestHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        PRODUCT_CALL_HEADERS.put(
                ex.getRequestMethod() + " " + ex.getRequestURI().getPath(), headers);
    }

    /** Bodies of the reservation calls chat made for a product, oldest first. */
    public static List<String> reservations(long productId) {
        return List.copyOf(RESERVATIONS.getOrDefault(productId, List.of()));
    }

    /** What product answers chat's reservation calls for this product (204 unless set). */
    public static void reservationAnswer(long productId, int status) {
        RESERVATION_ANSWERS.put(productId, status);
    }

    public static synchronized void productUp() {
        product = serve(productPort, server -> {
            server.createContext("/internal/accounts/deleted", ex -> {
                String auth = ex.getRequestHeaders().getFirst("Authorization");
                if (auth == null || !auth.startsWith("Bearer ")) {
                    send(ex, 401, "application/problem+json", "{\"status\":401}");
                    return;
                }
                Map<String, String> query = new java.util.HashMap<>();
                String raw = ex.getRequestURI().getRawQuery();
                for (String pair : raw == null ? new String[0] : raw.split("&")) {
                    String[] kv = pair.split("=", 2);
                    query.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
                int after = Integer.parseInt(query.getOrDefault("after", "0"));
                int size = Integer.parseInt(query.getOrDefault("size", "100"));
                StringBuilder items = new StringBuilder();
                for (int i = after; i < DELETED_ACCOUNTS.size() && i < after + size; i++) {
                    if (items.length() > 0) {
                        items.append(',');
                    }
                    items.append("{\"seq\":%d,\"userId\":\"%s\",\"deletedAt\":\"2026-12-01T10:00:00Z\"}"
                            .formatted(i + 1, DELETED_ACCOUNTS.get(i)));
                }
                send(ex, 200, "application/json", "{\"items\":[" + items + "]}");
            });
            server.createContext("/internal/products/", ex -> {
                recordHeaders(ex);
                String call = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
                if (call.endsWith("/reservation")) {
                    String path = ex.getRequestURI().getPath();
                    long productId = Long.parseLong(
                            path.substring("/internal/products/".length(), path.length() - "/reservation".length()));
                    RESERVATIONS
                            .computeIfAbsent(productId, k -> new CopyOnWriteArrayList<>())
                            .add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    int status = RESERVATION_ANSWERS.getOrDefault(productId, 204);
                    if (status == 204) {
                        ex.sendResponseHeaders(204, -1);
                        ex.close();
                    } else {
                        send(ex, status, "application/problem+json", "{\"status\":" + status + "}");
                    }
                    return;
                }
                CHAT_OPENED_BODIES.put(call, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                CHATS_OPENED.add(new Received(ex.getRequestHeaders().getFirst("Authorization"), call));
                ex.sendResponseHeaders(204, -1);
                ex.close();
            });
            server.createContext("/internal/users/", ex -> {
                recordHeaders(ex);
                BLOCK_CALLS.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
                String path = ex.getRequestURI().getPath();
                String id = path.substring("/internal/users/".length(), path.length() - "/blocks".length());
                String ids = BLOCKS.getOrDefault(id, java.util.Set.of()).stream()
                        .map(u -> "\"" + u + "\"")
                        .collect(java.util.stream.Collectors.joining(","));
                send(ex, 200, "application/json", "{\"userIds\":[" + ids + "]}");
            });
            server.createContext("/api/products/", ex -> {
                recordHeaders(ex);
                String idPart = ex.getRequestURI().getPath().substring("/api/products/".length());
                String json = null;
                try {
                    json = PRODUCTS.get(Long.parseLong(idPart));
                } catch (NumberFormatException e) {
                    json = null;
                }
                if (json == null) {
                    send(ex, 404, "application/problem+json", "{\"status\":404,\"title\":\"Not Found\"}");
                } else {
                    send(ex, 200, "application/json", json);
                }
            });
        });
    }

    public static synchronized void productDown() {
        if (product != null) {
            product.stop(0);
            product = null;
        }
    }

    public static synchronized void notifyUp() {
        notify = serve(
                notifyPort,
                server -> server.createContext("/internal/events", ex -> {
                    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    EVENTS.add(new Received(ex.getRequestHeaders().getFirst("Authorization"), body));
                    ex.sendResponseHeaders(202, -1);
                    ex.close();
                }));
    }

    public static synchronized void notifyDown() {
        if (notify != null) {
            notify.stop(0);
            notify = null;
        }
    }

    private static HttpServer serve(int port, java.util.function.Consumer<HttpServer> routes) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            routes.accept(server);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
