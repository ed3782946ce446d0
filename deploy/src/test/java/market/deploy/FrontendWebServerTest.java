package market.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chart's frontend web server: frontend/nginx.conf (what the frontend image serves the SPA with) run in a
 * real nginx, as the image's nginx.conf includes it, with a stand-in for the built SPA. The headers a browser
 * sees on the SPA in Kubernetes come only from here (the Ingress adds none to the SPA).
 */
class FrontendWebServerTest {
    static final Path CONF = Repo.ROOT.resolve("frontend/nginx.conf");
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final byte[] PRECOMPRESSED_MARKER = "precompressed at build time".getBytes(StandardCharsets.UTF_8);

    static Path dir;
    static Process nginx;
    static String base;

    static String nginxBinary() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    @BeforeAll
    static void start() throws Exception {
        String binary = nginxBinary();
        // ./market installs nginx (the local gateway) before any test runs, so this only skips elsewhere.
        assumeTrue(binary != null, "nginx is not installed: the frontend's nginx.conf is not run");
        dir = Files.createTempDirectory("frontend-nginx");
        // nginx's workers may run as nobody when the tests run as root.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path html = Files.createDirectories(dir.resolve("html"));
        Path assets = Files.createDirectories(html.resolve("assets"));
        String page = "<!doctype html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>땅근마켓</title>"
                + "<script type=\"module\" crossorigin src=\"/assets/main-abc123.js\"></script></head>"
                + "<body><div id=\"root\"></div>" + "<!-- padding so that gzip applies -->".repeat(20)
                + "</body></html>";
        Files.writeString(html.resolve("index.html"), page);
        Files.writeString(html.resolve("silent-renew.html"), "<!doctype html><title>silent renew</title>");
        Files.writeString(assets.resolve("main-abc123.js"), "console.log('app');\n".repeat(100));
        // A .gz with a marker instead of the real compression: only gzip_static would send exactly these bytes.
        Files.write(assets.resolve("main-abc123.js.gz"), gzip(PRECOMPRESSED_MARKER));
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                Files.setPosixFilePermissions(
                        p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String conf = Files.readString(CONF);
        String server = conf.replace("listen 8080;", "listen 127.0.0.1:" + port + ";")
                .replace("root /usr/share/nginx/html;", "root " + html + ";");
        assertFalse(
                server.equals(conf) || server.contains("listen 8080;") || server.contains("/usr/share/nginx/html"),
                "frontend/nginx.conf no longer has the listen/root lines the Dockerfile's image expects");
        Files.writeString(dir.resolve("default.conf"), server);
        String t = dir.resolve("tmp").toString();
        Files.writeString(dir.resolve("nginx.conf"), """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 64; }
                http {
                  include /etc/nginx/mime.types;
                  default_type application/octet-stream;
                  access_log off;
                  client_body_temp_path %2$s/body; proxy_temp_path %2$s/proxy; fastcgi_temp_path %2$s/fastcgi;
                  uwsgi_temp_path %2$s/uwsgi; scgi_temp_path %2$s/scgi;
                  include %1$s/default.conf;
                }
                """.formatted(dir, t));
        Files.createDirectories(Path.of(t));
        nginx = new ProcessBuilder(
                        binary,
                        "-c",
                        dir.resolve("nginx.conf").toString(),
                        "-p",
                        dir.toString(),
                        "-e",
                        dir.resolve("error.log").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        base = "http://127.0.0.1:" + port;
        for (int i = 0; ; i++) {
            try {
                if (get("/healthz").statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!nginx.isAlive() || i > 100) {
                throw new AssertionError("nginx did not start with frontend/nginx.conf: "
                        + Files.readString(dir.resolve("stdout.log")) + readIfExists(dir.resolve("error.log")));
            }
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly();
            }
        }
    }

    static String readIfExists(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }

    static byte[] gzip(byte[] data) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String one(HttpResponse<?> r, String name) {
        List<String> values = r.headers().allValues(name);
        assertEquals(1, values.size(), () -> r.uri().getPath() + ": exactly one " + name + " header, got " + values);
        return values.get(0);
    }

    /** The CSP of a page: directive name -> its sources. */
    static java.util.Map<String, List<String>> csp(HttpResponse<?> r) {
        java.util.Map<String, List<String>> out = new java.util.TreeMap<>();
        for (String d : one(r, "Content-Security-Policy").split(";")) {
            String[] parts = d.trim().split("\\s+");
            if (!parts[0].isEmpty()) {
                out.put(parts[0], Arrays.asList(parts).subList(1, parts.length));
            }
        }
        return out;
    }

    static void assertSpaSecurityHeaders(HttpResponse<?> r, String frameAncestors, String frameOptions) {
        var policy = csp(r);
        String path = r.uri().getPath();
        assertEquals(List.of("'self'"), policy.get("default-src"), path);
        assertEquals(List.of("'self'"), policy.get("script-src"), path + ": no inline or foreign script");
        assertEquals(List.of("'self'"), policy.get("style-src"), path);
        assertEquals(List.of("'self'"), policy.get("connect-src"), path + ": API, SSE and /ws/chat are same-origin");
        assertEquals(
                List.of("'self'", "blob:", "data:"), policy.get("img-src"), path + ": /api/images and upload previews");
        assertEquals(List.of("'none'"), policy.get("object-src"), path);
        assertEquals(List.of("'self'"), policy.get("base-uri"), path);
        assertEquals(List.of(frameAncestors), policy.get("frame-ancestors"), path);
        assertFalse(one(r, "Content-Security-Policy").contains("unsafe"), path);
        assertEquals(frameOptions, one(r, "X-Frame-Options"), path);
        assertEquals("nosniff", one(r, "X-Content-Type-Options"), path);
        assertEquals("strict-origin-when-cross-origin", one(r, "Referrer-Policy"), path);
        assertEquals("nginx", one(r, "Server"), path + ": no version");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/products/42", "/chat/7"})
    void clientRoutesLoadIndexHtmlWithTheSpaPolicyAndNeverStale(String path) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertEquals(200, r.statusCode());
        assertTrue(
                new String(r.body(), StandardCharsets.UTF_8).contains("<div id=\"root\">"),
                path + " serves index.html");
        assertSpaSecurityHeaders(r, "'none'", "DENY");
        assertEquals("no-cache", one(r, "Cache-Control"));
    }

    @Test
    void silentRenewPageMayBeFramedByTheAppOnly() throws Exception {
        HttpResponse<byte[]> r = get("/silent-renew.html");
        assertEquals(200, r.statusCode());
        assertSpaSecurityHeaders(r, "'self'", "SAMEORIGIN");
        assertEquals("no-cache", one(r, "Cache-Control"));
    }

    @Test
    void hashedBundlesAreCachedForAYearAndServedPrecompressed() throws Exception {
        HttpResponse<byte[]> r = get("/assets/main-abc123.js", "Accept-Encoding", "gzip");
        assertEquals(200, r.statusCode());
        assertEquals(
                "public, max-age=31536000, immutable", one(r, "Cache-Control"), "one Cache-Control, no Expires twin");
        assertTrue(r.headers().allValues("Expires").isEmpty());
        assertEquals("gzip", one(r, "Content-Encoding"));
        assertArrayEquals(gzip(PRECOMPRESSED_MARKER), r.body(), "the .gz made at build time (gzip_static)");
        assertTrue(one(r, "Vary").contains("Accept-Encoding"));
        assertSpaSecurityHeaders(r, "'none'", "DENY");

        HttpResponse<byte[]> plain = get("/assets/main-abc123.js");
        assertTrue(
                plain.headers().allValues("Content-Encoding").isEmpty(), "a client without gzip gets the file itself");
        assertTrue(new String(plain.body(), StandardCharsets.UTF_8).startsWith("console.log"));
    }

    @Test
    void aMissingBundleIsA404ThatIsNotCachedForAYear() throws Exception {
        HttpResponse<byte[]> r = get("/assets/main-gone.js");
        assertEquals(404, r.statusCode(), "never index.html for a script");
        assertTrue(
                r.headers().allValues("Cache-Control").stream().noneMatch(v -> v.contains("immutable")),
                "a rolling update's missing bundle must not stick in caches");
    }

    @Test
    void htmlIsCompressedOnTheFly() throws Exception {
        HttpResponse<byte[]> r = get("/", "Accept-Encoding", "gzip");
        assertEquals("gzip", one(r, "Content-Encoding"));
        assertTrue(one(r, "Vary").contains("Accept-Encoding"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api",
                "/api/nope",
                "/api/products-and-more",
                "/ws",
                "/ws/other",
                "/auth",
                "/auth/",
                "/auth/admin/",
                "/auth/admin/master/console/",
                "/auth/realms/master/",
                "/auth/realms/master/protocol/openid-connect/token",
                "/internal/events",
                "/q/health"
            })
    void pathsTheIngressDoesNotRouteAre404ProblemJsonNotTheSpa(String path) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertEquals(404, r.statusCode(), path);
        assertEquals("application/problem+json", one(r, "Content-Type"), path);
        JsonNode body = Chart.JSON.readTree(r.body());
        assertEquals(404, body.path("status").asInt(), path);
        assertEquals("Not Found", body.path("title").asText(), path);
        assertEquals("nosniff", one(r, "X-Content-Type-Options"), path);
    }

    @Test
    void theSpaPolicyIsTheSameAsTheLocalGateways() throws Exception {
        Matcher gateway =
                Pattern.compile("local csp=\"([^\"]+)\"").matcher(Files.readString(Repo.ROOT.resolve("market")));
        assertTrue(gateway.find(), "./market's gateway_conf defines the SPA's CSP as local csp=\"...\"");
        Matcher frontend = Pattern.compile(
                        "add_header Content-Security-Policy \"([^\"]+); frame-ancestors \\$spa_frame_ancestors\" always;")
                .matcher(Files.readString(CONF));
        assertTrue(frontend.find(), "frontend/nginx.conf sets the CSP with frame-ancestors from $spa_frame_ancestors");
        assertEquals(gateway.group(1), frontend.group(1), "the SPA gets one policy, locally and in Kubernetes");
    }
}
