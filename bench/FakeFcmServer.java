import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fake FCM for bench/notify.sh (JDK only): java bench/FakeFcmServer.java PORT MAX_SECONDS.
 * POST /v1/projects/{p}/messages:send -> 200 {"name":"projects/p/messages/N"};
 * POST|DELETE /v1/projects/{p}/registrations/{token}/topicSubscriptions[...] -> 200 {}.
 * GET /_stats -> "sends subs other". Exits by itself after MAX_SECONDS (bounded run).
 */
public class FakeFcmServer {
    static final AtomicLong sends = new AtomicLong(), subs = new AtomicLong(), other = new AtomicLong();

    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]);
        long maxSecs = Long.parseLong(a[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", FakeFcmServer::handle);
        server.start();
        System.out.println("fake FCM on " + port);
        Thread.sleep(maxSecs * 1000);
        System.exit(0);
    }

    static void handle(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        String path = ex.getRequestURI().getRawPath();
        String m = ex.getRequestMethod();
        int status = 200;
        String body;
        if (path.equals("/_stats")) {
            body = sends.get() + " " + subs.get() + " " + other.get();
        } else if (path.startsWith("/v1/projects/") && path.endsWith("/messages:send") && m.equals("POST")) {
            body = "{\"name\":\"projects/p/messages/" + sends.incrementAndGet() + "\"}";
        } else if (path.startsWith("/v1/projects/") && path.contains("/registrations/") && path.contains("/topicSubscriptions")) {
            subs.incrementAndGet();
            body = "{}";
        } else {
            other.incrementAndGet();
            status = 404;
            body = "{\"error\":{\"code\":404,\"message\":\"unknown\",\"status\":\"NOT_FOUND\"}}";
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) { o.write(b); }
    }
}
