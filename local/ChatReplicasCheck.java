import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stack check (JDK only: java local/ChatReplicasCheck.java ...): alice and bob chat through the two chat
 * replicas of the local stack with real Keycloak tokens — bob on one replica, alice on the other — then
 * alice's replica is restarted (./market restart chat-2) while bob keeps writing; alice comes back through
 * the gateway, catches up with after=<last id> and gets exactly what she missed, then live messages again.
 * args: gatewayUrl replicaAUrl replicaBUrl aliceToken bobToken marketScript
 */
public class ChatReplicasCheck {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static int failed = 0;

    static final class Client implements WebSocket.Listener {
        final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final List<String> unclaimed = new ArrayList<>();
        final StringBuilder buf = new StringBuilder();
        WebSocket ws;

        static Client connect(String url, String token, boolean subprotocol) throws Exception {
            Client c = new Client();
            WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
            if (subprotocol) {
                // the way a browser authenticates (it cannot set headers on a WebSocket)
                b.subprotocols("quarkus", "quarkus-http-upgrade#Authorization#"
                        + URLEncoder.encode("Bearer " + token, StandardCharsets.UTF_8).replace("+", "%20"));
            } else {
                b.header("Authorization", "Bearer " + token);
            }
            c.ws = b.buildAsync(URI.create(url), c).get(15, TimeUnit.SECONDS);
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            buf.append(data);
            if (last) {
                frames.add(buf.toString());
                buf.setLength(0);
            }
            w.request(1);
            return null;
        }

        void send(String json) throws Exception {
            ws.sendText(json, true).get(5, TimeUnit.SECONDS);
        }

        /** The next frame containing all the parts, or null after the timeout; other frames stay for later. */
        String await(long millis, String... parts) throws InterruptedException {
            for (String f : new ArrayList<>(unclaimed)) {
                if (matches(f, parts)) {
                    unclaimed.remove(f);
                    return f;
                }
            }
            long end = System.currentTimeMillis() + millis;
            while (System.currentTimeMillis() < end) {
                String f = frames.poll(end - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
                if (f == null) {
                    break;
                }
                if (matches(f, parts)) {
                    return f;
                }
                unclaimed.add(f);
            }
            return null;
        }

        static boolean matches(String f, String... parts) {
            for (String p : parts) {
                if (!f.contains(p)) {
                    return false;
                }
            }
            return true;
        }

        void close() {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(3, TimeUnit.SECONDS);
            } catch (Exception e) {
                ws.abort();
            }
        }
    }

    public static void main(String[] a) throws Exception {
        String gw = a[0], replicaA = a[1], replicaB = a[2], alice = a[3], bob = a[4], market = a[5];
        String run = Long.toString(System.currentTimeMillis(), 36);

        String product = post(gw + "/api/products", alice, "{\"title\":\"replica check " + run
                + "\",\"description\":\"stack test\",\"price\":1000,\"category\":\"OTHER\",\"region\":\"역삼동\"}");
        long productId = id(product);
        long roomId = id(post(gw + "/api/chat/rooms", bob, "{\"productId\":" + productId + "}"));

        Client b = Client.connect(ws(replicaA), bob, false);
        Client al = Client.connect(ws(replicaB), alice, true);
        long m1 = send(b, roomId, "m1 " + run, "c1-" + run);
        check("bob's message on replica A reaches alice on replica B", al.await(10_000, "\"type\":\"message\"", "m1 " + run) != null);
        long m2 = send(al, roomId, "m2 " + run, "c2-" + run);
        check("alice's reply on replica B reaches bob on replica A", b.await(10_000, "\"type\":\"message\"", "m2 " + run) != null);
        al.close();

        // Restart alice's replica; while it is down bob keeps writing on the other one.
        Process restart = new ProcessBuilder(market, "restart", "chat-2").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 300 && ready(replicaB); i++) {
            Thread.sleep(100);
        }
        check("replica B went down", !ready(replicaB));
        long m3 = send(b, roomId, "m3 " + run, "c3-" + run);
        long m4 = send(b, roomId, "m4 " + run, "c4-" + run);
        check("replica B restarted", restart.waitFor(300, TimeUnit.SECONDS) && restart.exitValue() == 0 && ready(replicaB));

        Client back = Client.connect(ws(gw), alice, true);
        String missed = get(gw + "/api/chat/rooms/" + roomId + "/messages?after=" + m2, alice);
        List<Long> ids = new ArrayList<>();
        Matcher m = Pattern.compile("\"id\":(\\d+),\"roomId\"").matcher(missed);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        check("alice catches up through the gateway with exactly what she missed", ids.equals(List.of(m3, m4)));
        // The gateway may have put alice on either replica: a live message from replica A must reach her.
        boolean live = false;
        for (int i = 0; i < 10 && !live; i++) {
            send(b, roomId, "m5." + i + " " + run, "c5-" + i + "-" + run);
            live = back.await(2_000, "\"type\":\"message\"", "m5." + i + " " + run) != null;
        }
        check("live again after the restart", live);
        long again = send(b, roomId, "m3 " + run, "c3-" + run);
        check("a resent clientMsgId returns the stored message", again == m3);
        check("and is not delivered twice", back.await(1_000, "\"type\":\"message\"", "\"id\":" + m3 + ",") == null);
        back.close();
        b.close();
        System.out.println(failed == 0 ? "chat replicas: all checks passed" : "chat replicas: " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    static long send(Client c, long roomId, String content, String clientMsgId) throws Exception {
        c.send("{\"type\":\"send\",\"roomId\":" + roomId + ",\"content\":\"" + content + "\",\"clientMsgId\":\"" + clientMsgId + "\"}");
        String ack = c.await(10_000, "\"type\":\"ack\"", "\"clientMsgId\":\"" + clientMsgId + "\"");
        if (ack == null) {
            throw new IllegalStateException("no ack for " + clientMsgId + "; frames: " + c.unclaimed);
        }
        Matcher m = Pattern.compile("\"message\":\\{\"id\":(\\d+)").matcher(ack);
        if (!m.find()) {
            throw new IllegalStateException("ack without a message id: " + ack);
        }
        return Long.parseLong(m.group(1));
    }

    static void check(String name, boolean ok) {
        System.out.println((ok ? "  ok    " : "  FAIL  ") + name);
        if (!ok) {
            failed++;
        }
    }

    static String ws(String http) {
        return http.replaceFirst("^http", "ws") + "/ws/chat";
    }

    static boolean ready(String base) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    static String post(String url, String token, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + url + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String get(String url, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static long id(String json) {
        Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return Long.parseLong(m.group(1));
    }
}
