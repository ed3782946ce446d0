package market.chat;

import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (Vert.x) for /ws/chat that collects the server's frames. */
final class WsClient implements AutoCloseable {

    private final WebSocketClient client;
    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonObject> incoming = new LinkedBlockingQueue<>();
    private final List<JsonObject> unclaimed = new ArrayList<>();
    private final CompletableFuture<Short> closeStatus = new CompletableFuture<>();

    private WsClient(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(text -> incoming.add(new JsonObject(text)));
        socket.closeHandler(v -> closeStatus.complete(socket.closeStatusCode()));
    }

    /** Token in the Authorization header (mobile apps, other services). */
    static WsClient withHeader(Vertx vertx, int port, String token) throws Exception {
        WebSocketConnectOptions o = options(port);
        o.addHeader("Authorization", "Bearer " + token);
        return open(vertx, o);
    }

    /** Token as the Quarkus subprotocol header, the way a browser sends it. */
    static WsClient withSubprotocol(Vertx vertx, int port, String token) throws Exception {
        WebSocketConnectOptions o = options(port);
        o.setSubProtocols(List.of("quarkus", "quarkus-http-upgrade#Authorization#Bearer%20" + token));
        return open(vertx, o);
    }

    static WsClient open(Vertx vertx, WebSocketConnectOptions options) throws Exception {
        return open(vertx, options, new WebSocketClientOptions());
    }

    static WsClient open(Vertx vertx, WebSocketConnectOptions options, WebSocketClientOptions clientOptions)
            throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(clientOptions);
        try {
            WebSocket socket = client.connect(options)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            return new WsClient(client, socket);
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    static WebSocketConnectOptions options(int port) {
        return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws/chat");
    }

    boolean isOpen() {
        return !socket.isClosed();
    }

    String subprotocol() {
        return socket.subProtocol();
    }

    void send(String text) {
        socket.writeTextMessage(text);
    }

    /** The text as one frame, however large (writeTextMessage would split it at the client's frame size). */
    void sendOneFrame(String text) {
        socket.writeFrame(WebSocketFrame.textFrame(text, true));
    }

    /**
     * The status of the server's close frame once the connection is closed; null when the connection is
     * still open after the wait, and the status is null too when it was dropped without a close frame.
     */
    Short awaitClose(long millis) {
        try {
            return closeStatus.get(millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void send(JsonObject frame) {
        send(frame.encode());
    }

    /** The next frame of this type (others stay available for later calls), waiting up to 10 s. */
    JsonObject next(String type) {
        return next(f -> type.equals(f.getString("type")), type);
    }

    JsonObject next(Predicate<JsonObject> match, String what) {
        JsonObject found = poll(match, 10_000);
        if (found == null) {
            fail("No " + what + " frame within 10 s; got " + unclaimed.size() + " other frames, the last: "
                    + (unclaimed.isEmpty() ? "none" : unclaimed.get(unclaimed.size() - 1)));
        }
        return found;
    }

    /** Null when no matching frame arrives within the time. */
    JsonObject poll(Predicate<JsonObject> match, long millis) {
        synchronized (unclaimed) {
            for (int i = 0; i < unclaimed.size(); i++) {
                if (match.test(unclaimed.get(i))) {
                    return unclaimed.remove(i);
                }
            }
        }
        long deadline = System.currentTimeMillis() + millis;
        try {
            while (true) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return null;
                }
                JsonObject f = incoming.poll(left, TimeUnit.MILLISECONDS);
                if (f == null) {
                    return null;
                }
                if (match.test(f)) {
                    return f;
                }
                synchronized (unclaimed) {
                    unclaimed.add(f);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonObject sendFrame(long roomId, String content, String clientMsgId) {
        JsonObject f =
                new JsonObject().put("type", "send").put("roomId", roomId).put("content", content);
        return clientMsgId == null ? f : f.put("clientMsgId", clientMsgId);
    }

    @Override
    public void close() {
        try {
            socket.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // already closed by the server or the network: nothing left to release but the client
        }
        client.close();
    }
}
