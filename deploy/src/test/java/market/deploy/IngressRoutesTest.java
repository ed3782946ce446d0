package market.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Ingress is the gateway: exactly the routes of local/routes.tsv, which the local nginx serves too. */
class IngressRoutesTest {
    record Route(String prefix, String backend, String kind, String cache) {}

    static List<Route> routesTsv() throws Exception {
        List<Route> routes = new ArrayList<>();
        for (String line : Files.readAllLines(Repo.ROUTES)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            assertEquals(4, f.length, "bad line in routes.tsv (prefix, backend, kind, cache): " + line);
            assertTrue(Set.of("http", "websocket", "static").contains(f[2]), "unknown kind: " + line);
            assertTrue(Set.of("no-store", "-").contains(f[3]), "unknown cache: " + line);
            routes.add(new Route(f[0], f[1], f[2], f[3]));
        }
        return routes;
    }

    @Test
    void chartReadsTheSameRouteTableAsTheLocalGateway() throws Exception {
        assertEquals(
                Files.readString(Repo.ROUTES),
                Files.readString(Repo.CHART.resolve("files/routes.tsv")),
                "helm/ddangn-market/files/routes.tsv must be a copy of local/routes.tsv: cp local/routes.tsv helm/ddangn-market/files/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "trial", "production", "external"})
    void renderedIngressImplementsExactlyTheRouteTable(String valueSet) throws Exception {
        List<JsonNode> objects = Chart.render(valueSet);
        Map<String, String> backendService = Map.of(
                "product",
                "product",
                "chat",
                "chat",
                "notify",
                "notify",
                "frontend",
                "frontend",
                "keycloak",
                valueSet.equals("external") ? "keycloak-service" : "keycloak");
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> expectedKind = new TreeMap<>();
        for (Route r : routesTsv()) {
            expected.put(r.prefix(), backendService.get(r.backend()));
            expectedKind.put(r.prefix(), r.kind());
        }
        Map<String, String> actual = new TreeMap<>();
        String host = null;
        for (JsonNode ingress : Chart.ofKind(objects, "Ingress")) {
            JsonNode annotations = ingress.path("metadata").path("annotations");
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                if (host == null) {
                    host = rule.path("host").asText();
                }
                assertEquals(host, rule.path("host").asText(), "one host for all routes");
                for (JsonNode path : rule.path("http").path("paths")) {
                    String prefix = path.path("path").asText();
                    assertEquals(
                            "Prefix",
                            path.path("pathType").asText(),
                            prefix + ": Prefix matches whole segments like routes.tsv");
                    assertFalse(
                            prefix.startsWith("/internal") || prefix.startsWith("/q"),
                            prefix + " must never be exposed");
                    String service =
                            path.path("backend").path("service").path("name").asText();
                    assertTrue(actual.put(prefix, service) == null, "route " + prefix + " rendered twice");
                    int port = path.path("backend")
                            .path("service")
                            .path("port")
                            .path("number")
                            .asInt();
                    assertTrue(port > 0, prefix + " needs a backend port");
                    boolean websocket = "websocket".equals(expectedKind.get(prefix));
                    int readTimeout = annotations
                            .path("nginx.ingress.kubernetes.io/proxy-read-timeout")
                            .asInt(60);
                    if (websocket) {
                        assertTrue(readTimeout >= 3600, prefix + ": WebSocket route needs long proxy timeouts");
                        assertTrue(annotations
                                        .path("nginx.ingress.kubernetes.io/proxy-send-timeout")
                                        .asInt(60)
                                >= 3600);
                    } else {
                        assertTrue(readTimeout <= 60, prefix + ": only WebSocket routes get long timeouts");
                    }
                }
            }
        }
        assertEquals(expected, actual);
        // every backend the Ingress names is a Service of the release, unless Keycloak runs elsewhere
        for (String service : actual.values()) {
            if (!service.equals("keycloak-service")) {
                Chart.get(objects, "Service", service);
            }
        }
    }

    @Test
    void ingressHostAndTlsFollowPublicUrl() {
        List<JsonNode> objects = Chart.render("production");
        for (JsonNode ingress : Chart.ofKind(objects, "Ingress")) {
            assertEquals(
                    "market.example.com",
                    ingress.path("spec").path("rules").get(0).path("host").asText());
            assertEquals(
                    "market-tls",
                    ingress.path("spec").path("tls").get(0).path("secretName").asText());
            assertEquals(
                    "letsencrypt",
                    ingress.path("metadata")
                            .path("annotations")
                            .path("cert-manager.io/cluster-issuer")
                            .asText());
        }
    }

    /** The route a request path takes: Prefix semantics of the Ingress and of routes.tsv (whole segments, longest wins). */
    static Route routeOf(List<Route> routes, String path) {
        Route best = null;
        for (Route r : routes) {
            String p = r.prefix();
            boolean matches = p.equals("/") || path.equals(p) || path.startsWith(p + "/");
            if (matches && (best == null || p.length() > best.prefix().length())) {
                best = r;
            }
        }
        return best;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/auth",
                "/auth/",
                "/auth/admin",
                "/auth/admin/",
                "/auth/admin/master/console/",
                "/auth/admin/realms/market/users",
                "/auth/realms/master",
                "/auth/realms/master/",
                "/auth/realms/master/protocol/openid-connect/token",
                "/auth/realms/market-other/",
                "/auth/realms/other/account",
                "/auth/welcome",
                "/auth/metrics",
                "/auth/health"
            })
    void keycloakAdminConsoleAndOtherRealmsAreNeverRouted(String path) throws Exception {
        Route r = routeOf(routesTsv(), path);
        assertNotEquals("keycloak", r.backend(), path + " must not reach Keycloak");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/auth/realms/market",
                "/auth/realms/market/.well-known/openid-configuration",
                "/auth/realms/market/protocol/openid-connect/auth",
                "/auth/realms/market/protocol/openid-connect/token",
                "/auth/realms/market/protocol/openid-connect/certs",
                "/auth/realms/market/protocol/openid-connect/registrations",
                "/auth/realms/market/login-actions/authenticate",
                "/auth/realms/market/account/",
                "/auth/resources/h8er8/login/keycloak.v2/css/styles.css",
                "/auth/resources/h8er8/common/keycloak/vendor/patternfly-v5/patternfly.min.css"
            })
    void whatUsersOfRealmMarketNeedReachesKeycloak(String path) throws Exception {
        assertEquals("keycloak", routeOf(routesTsv(), path).backend(), path);
    }

    /** Moderation lives in product; the rest of /api/admin (notices) stays with notify. */
    @ParameterizedTest
    @CsvSource({
        "/api/reports, product",
        "/api/admin/reports, product",
        "/api/admin/reports/7/actions, product",
        "/api/admin/moderation-log, product",
        "/api/admin/prohibited-words/3, product",
        "/api/admin/notices, notify",
        "/api/admin/notices/1, notify",
        "/api/admin/reportsx, notify"
    })
    void moderationRoutesGoToProduct(String path, String backend) throws Exception {
        assertEquals(backend, routeOf(routesTsv(), path).backend(), path);
    }

    @Test
    void onlyRealmMarketAndTheThemeFilesAreKeycloakRoutes() throws Exception {
        List<String> keycloak = routesTsv().stream()
                .filter(r -> r.backend().equals("keycloak"))
                .map(Route::prefix)
                .toList();
        assertEquals(List.of("/auth/realms/market", "/auth/resources"), keycloak);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/me",
                "/api/me/products",
                "/api/me/purchases",
                "/api/me/likes",
                "/api/me/keywords",
                "/api/chat/rooms",
                "/api/chat/rooms/1/messages",
                "/api/me/notifications",
                "/api/me/notifications/stream",
                "/api/me/notification-settings",
                "/api/devices",
                "/api/admin/notices",
                "/api/admin/reports",
                "/api/admin/reports/1/actions",
                "/api/admin/moderation-log",
                "/api/admin/prohibited-words",
                "/api/reports"
            })
    void personalAnswersAreNeverStored(String path) throws Exception {
        Route r = routeOf(routesTsv(), path);
        assertEquals("no-store", r.cache(), path + " is personal data: Cache-Control no-store at the gateway");
    }

    /**
     * Chat photos: the upload is personal (no-store) like the rest of /api/chat, the bytes keep chat's own
     * "private, max-age=31536000, immutable" (the parties' browsers may keep them; chat, not the gateway, decides).
     */
    @Test
    void chatPhotosKeepChatsPrivateCacheLifetimeAndTheirUploadIsNoStore() throws Exception {
        Route photo = routeOf(routesTsv(), "/api/chat/photos/0b6f4a4e-6d0c-4a57-9a3e-2f1c2d3e4f50");
        assertEquals("chat", photo.backend());
        assertEquals("http", photo.kind());
        assertEquals("-", photo.cache());
        Route upload = routeOf(routesTsv(), "/api/chat/rooms/1/photos");
        assertEquals("chat", upload.backend());
        assertEquals("no-store", upload.cache());
        assertEquals("chat", routeOf(routesTsv(), "/api/chat/photosx").backend());
        assertEquals("no-store", routeOf(routesTsv(), "/api/chat/photosx").cache(), "whole segments only");
    }

    /** With ingress.apiHeaders.enabled: every service route names the ConfigMap of its headers; the SPA and Keycloak none. */
    @ParameterizedTest
    @ValueSource(strings = {"default", "production"})
    void apiIngressesCarryTheGatewaysResponseHeaders(String valueSet) throws Exception {
        List<JsonNode> objects = Chart.parseAll(Chart.template(valueSet, Map.of("ingress.apiHeaders.enabled", true)));
        Map<String, String> headersOf = new TreeMap<>();
        for (JsonNode ingress : Chart.ofKind(objects, "Ingress")) {
            String ref = ingress.path("metadata")
                    .path("annotations")
                    .path("nginx.ingress.kubernetes.io/custom-headers")
                    .asText(null);
            for (JsonNode path :
                    ingress.path("spec").path("rules").get(0).path("http").path("paths")) {
                headersOf.put(path.path("path").asText(), ref);
            }
        }
        for (Route r : routesTsv()) {
            String ref = headersOf.get(r.prefix());
            if (r.backend().equals("keycloak") || r.kind().equals("static")) {
                assertNull(ref, r.prefix() + " sets its own headers (Keycloak, the frontend's nginx)");
                continue;
            }
            String expected = Chart.NAMESPACE + "/"
                    + (r.cache().equals("no-store") ? "market-api-headers-no-store" : "market-api-headers");
            assertEquals(expected, ref, r.prefix());
            JsonNode data = Chart.get(objects, "ConfigMap", ref.substring(ref.indexOf('/') + 1))
                    .path("data");
            assertEquals("nosniff", data.path("X-Content-Type-Options").asText(), ref);
            assertEquals("DENY", data.path("X-Frame-Options").asText(), ref);
            assertEquals(
                    "strict-origin-when-cross-origin",
                    data.path("Referrer-Policy").asText(),
                    ref);
            assertTrue(data.path("Content-Security-Policy").asText().contains("sandbox"), ref);
            assertTrue(data.path("Content-Security-Policy").asText().contains("frame-ancestors 'none'"), ref);
            assertEquals(
                    r.cache().equals("no-store") ? "no-store" : "",
                    data.path("Cache-Control").asText(),
                    ref);
            // ingress-nginx refuses (503) a header name or value outside these characters
            data.fields().forEachRemaining(e -> {
                assertTrue(e.getKey().matches("^[a-zA-Z\\d\\-_]+$"), e.getKey());
                assertTrue(
                        e.getValue().asText().matches("^[a-zA-Z\\d_ :;.,\\\\/\"'?!(){}\\[\\]@<>=\\-+*#$&`|~^%]+$"),
                        e.getValue().asText());
            });
        }
    }

    @Test
    void withoutApiHeadersNoIngressNamesAConfigMapThatIsNotRendered() {
        List<JsonNode> objects = Chart.render("default");
        for (JsonNode ingress : Chart.ofKind(objects, "Ingress")) {
            assertTrue(
                    ingress.path("metadata")
                            .path("annotations")
                            .path("nginx.ingress.kubernetes.io/custom-headers")
                            .isMissingNode(),
                    Chart.id(ingress)
                            + ": custom-headers needs the controller's global-allowed-response-headers, so it is opt-in");
        }
        assertTrue(Chart.ofKind(objects, "ConfigMap").stream()
                .noneMatch(c -> Chart.id(c).contains("api-headers")));
    }
}
