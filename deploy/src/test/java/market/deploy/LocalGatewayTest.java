package market.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The local gateway as ./market generates it (gateway_conf, from local/routes.tsv), run in a real nginx in front
 * of a stand-in backend that answers with hostile headers: what the browser gets is the gateway's policy, not
 * the backend's. local/security-headers-check.sh checks the same against the running stack.
 */
class LocalGatewayTest {
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static Path home;
    static HttpServer backend;
    static String base;
    static Path pidFile;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        String nginx = FrontendWebServerTest.nginxBinary();
        assumeTrue(nginx != null, "nginx is not installed: the generated gateway is not run");
        // Every service and Keycloak answer like a careless backend: a long cache lifetime, a permissive CSP,
        // and HTML for /api/images/evil (an object overwritten in S3).
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", ex -> {
            // read what was sent (an upload) before answering, as a service does
            ex.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
            String path = ex.getRequestURI().getPath();
            boolean html = path.startsWith("/api/images/evil");
            byte[] body = html
                    ? "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)
                    : ("{\"path\":\"" + path + "\",\"pad\":\"" + "x".repeat(2000) + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", html ? "text/html" : "application/json");
            // chat photos: what chat sends for them (any other answer: a careless public lifetime)
            ex.getResponseHeaders()
                    .add(
                            "Cache-Control",
                            path.startsWith("/api/chat/photos/")
                                    ? "private, max-age=31536000, immutable"
                                    : "public, max-age=600");
            ex.getResponseHeaders().add("Content-Security-Policy", "script-src *");
            ex.getResponseHeaders().add("X-Frame-Options", "ALLOWALL");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        backend.start();
        int up = backend.getAddress().getPort();
        int down = freePort(); // nothing listens: notify is "down"
        int port = freePort();

        home = Files.createTempDirectory("gateway");
        Path www = Files.createDirectories(home.resolve("www/assets"));
        Files.writeString(
                home.resolve("www/index.html"), "<!doctype html><div id=\"root\"></div>" + "<!-- pad -->".repeat(50));
        Files.writeString(home.resolve("www/silent-renew.html"), "<!doctype html><title>silent renew</title>");
        Files.writeString(www.resolve("main-abc.js"), "console.log(1);\n".repeat(100));
        Files.createDirectories(home.resolve("run"));
        Files.createDirectories(home.resolve("logs"));
        // ./market sourced (settings and functions only) with its home here: run/, logs/, www/, gateway/.
        String script = """
                set -euo pipefail
                source "$ROOT/market"
                gateway_conf
                """;
        ProcessBuilder gen = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        var env = gen.environment();
        env.put("ROOT", Repo.ROOT.toString());
        env.put("MARKET_HOME", home.toString());
        env.put("GATEWAY_PORT", String.valueOf(port));
        env.put("KEYCLOAK_PORT", String.valueOf(up));
        env.put("PRODUCT_PORT", String.valueOf(up));
        env.put("CHAT_PORT", String.valueOf(up));
        env.put("CHAT2_PORT", String.valueOf(up));
        env.put("NOTIFY_PORT", String.valueOf(down));
        Files.createDirectories(home.resolve("gateway"));
        Process p = gen.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "gateway_conf failed: " + out);
        // nginx's workers may run as nobody (./market runs it so when root).
        try (Stream<Path> s = Files.walk(home)) {
            for (Path f : s.toList()) {
                Files.setPosixFilePermissions(
                        f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxrwxrwx" : "rw-rw-rw-"));
            }
        }
        Process n = new ProcessBuilder(
                        nginx,
                        "-c",
                        home.resolve("gateway/nginx.conf").toString(),
                        "-p",
                        home.resolve("gateway").toString(),
                        "-e",
                        home.resolve("logs/gateway-error.log").toString())
                .redirectErrorStream(true)
                .start();
        String nout = new String(n.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(
                n.waitFor(30, TimeUnit.SECONDS) && n.exitValue() == 0,
                "nginx did not start with the generated config: " + nout);
        pidFile = home.resolve("run/gateway.pid");
        base = "http://127.0.0.1:" + port;
        for (int i = 0; ; i++) {
            try {
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.discarding());
                break;
            } catch (IOException notYet) {
                if (i > 100) {
                    throw notYet;
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (pidFile != null && Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).ifPresent(h -> {
                h.destroy();
                h.onExit().orTimeout(10, TimeUnit.SECONDS).join();
            });
        }
        if (backend != null) {
            backend.stop(0);
        }
    }

    static HttpResponse<byte[]> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    static String one(HttpResponse<?> r, String name) {
        return FrontendWebServerTest.one(r, name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/products/42"})
    void theSpaGetsTheSamePolicyAsInKubernetes(String path) throws Exception {
        HttpResponse<byte[]> r = get(path, "Accept-Encoding", "gzip");
        assertEquals(200, r.statusCode());
        FrontendWebServerTest.assertSpaSecurityHeaders(r, "'none'", "DENY");
        assertEquals("no-cache", one(r, "Cache-Control"));
        assertEquals("gzip", one(r, "Content-Encoding"));
        FrontendWebServerTest.assertSpaSecurityHeaders(get("/silent-renew.html"), "'self'", "SAMEORIGIN");
    }

    @Test
    void bundlesHaveOneCacheControlAndAMissingOneIsNotCached() throws Exception {
        HttpResponse<byte[]> r = get("/assets/main-abc.js");
        assertEquals("public, max-age=31536000, immutable", one(r, "Cache-Control"));
        assertTrue(r.headers().allValues("Expires").isEmpty());
        HttpResponse<byte[]> missing = get("/assets/gone.js");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.headers().allValues("Cache-Control").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/me", "/api/me/purchases", "/api/chat/rooms", "/api/chat/rooms/1/messages"})
    void personalAnswersHaveExactlyOneNoStore(String path) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertEquals(200, r.statusCode(), path + " reaches the backend");
        assertEquals("no-store", one(r, "Cache-Control"), path + ": the backend's max-age is replaced");
    }

    /** Ten photos of 10 MB each and the form around them fit the gateway's limit on chat's upload route. */
    @Test
    void tenFullSizePhotosPassTheGatewayToChat() throws Exception {
        byte[] body = new byte[10 * 10 * 1024 * 1024 + 64 * 1024];
        HttpResponse<byte[]> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/chat/rooms/1/photos"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "multipart/form-data; boundary=x")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), "reaches the backend");
        assertEquals("no-store", one(r, "Cache-Control"), "the upload's answer is personal");
    }

    @Test
    void chatPhotosKeepChatsPrivateCacheLifetime() throws Exception {
        HttpResponse<byte[]> r = get("/api/chat/photos/0b6f4a4e-6d0c-4a57-9a3e-2f1c2d3e4f50");
        assertEquals(200, r.statusCode());
        assertEquals("private, max-age=31536000, immutable", one(r, "Cache-Control"));
        assertEquals("nosniff", one(r, "X-Content-Type-Options"));
        assertEquals("default-src 'none'; frame-ancestors 'none'; sandbox", one(r, "Content-Security-Policy"));
    }

    @Test
    void publicApiAnswersKeepTheServicesCacheControl() throws Exception {
        assertEquals("public, max-age=600", one(get("/api/categories"), "Cache-Control"));
    }

    @Test
    void anHtmlObjectBehindApiImagesCannotRunScript() throws Exception {
        HttpResponse<byte[]> r = get("/api/images/evil");
        assertEquals("default-src 'none'; frame-ancestors 'none'; sandbox", one(r, "Content-Security-Policy"));
        assertEquals("nosniff", one(r, "X-Content-Type-Options"));
        assertEquals("DENY", one(r, "X-Frame-Options"));
    }

    @Test
    void jsonFromServicesIsCompressed() throws Exception {
        HttpResponse<byte[]> r = get("/api/products", "Accept-Encoding", "gzip");
        assertEquals("gzip", one(r, "Content-Encoding"));
        assertEquals("nginx", one(r, "Server"), "no version");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api",
                "/api/nope",
                "/api/meow",
                "/ws",
                "/ws/other",
                "/auth",
                "/auth/",
                "/auth/admin/",
                "/auth/admin/master/console/",
                "/auth/realms/master/",
                "/auth/realms/master/protocol/openid-connect/token",
                "/auth/realms/market-x/",
                "/internal/events",
                "/q/health"
            })
    void unroutedPathsAre404ProblemJson(String path) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertEquals(404, r.statusCode(), path);
        assertEquals("application/problem+json", one(r, "Content-Type"), path);
        JsonNode body = Chart.JSON.readTree(r.body());
        assertEquals(404, body.path("status").asInt(), path);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/auth/realms/market/.well-known/openid-configuration",
                "/auth/resources/x/login/keycloak.v2/css/styles.css"
            })
    void realmMarketReachesKeycloakWithKeycloaksOwnHeaders(String path) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertEquals(200, r.statusCode(), path);
        assertEquals(
                "script-src *",
                one(r, "Content-Security-Policy"),
                "the gateway adds no second policy to Keycloak's pages");
    }

    @Test
    void aServiceThatIsDownIs502ProblemJson() throws Exception {
        HttpResponse<byte[]> r = get("/api/notices");
        assertEquals(502, r.statusCode());
        assertEquals("application/problem+json", one(r, "Content-Type"));
        assertEquals(502, Chart.JSON.readTree(r.body()).path("status").asInt());
        assertEquals("no-store", one(r, "Cache-Control"));
    }

    /** Listing photos and chat photos (10 of 10 MB each) pass the same limit; a body over it is refused. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/products/1/images", "/api/chat/rooms/1/photos"})
    void aBodyOverTheLimitIs413ProblemJson(String path) throws Exception {
        // Declared, not sent: nginx refuses on the Content-Length alone.
        try (var socket = new java.net.Socket("127.0.0.1", URI.create(base).getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Content-Type: application/octet-stream\r\nContent-Length: 200000000\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("Content-Type: application/problem+json"), answer);
            assertTrue(answer.contains("\"status\":413"), answer);
        }
    }

    @Test
    void everyRouteOfTheTableIsInTheGeneratedConfig() throws Exception {
        String conf = Files.readString(home.resolve("gateway/nginx.conf"));
        for (IngressRoutesTest.Route r : IngressRoutesTest.routesTsv()) {
            if (!r.kind().equals("static")) {
                assertTrue(conf.contains("location ^~ " + r.prefix() + "/ {"), r.prefix());
            }
        }
        assertTrue(
                List.of(conf.split("\n")).stream()
                        .noneMatch(l -> l.contains("location ^~ /auth/ {") && l.contains("proxy_pass")),
                "/auth as a whole is never proxied");
    }
}
