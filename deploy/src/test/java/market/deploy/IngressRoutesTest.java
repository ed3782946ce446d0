package market.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Ingress is the gateway: exactly the routes of local/routes.tsv, which the local nginx serves too. */
class IngressRoutesTest {
    record Route(String prefix, String backend, String kind) {
    }

    static List<Route> routesTsv() throws Exception {
        List<Route> routes = new ArrayList<>();
        for (String line : Files.readAllLines(Repo.ROUTES)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            assertEquals(3, f.length, "bad line in routes.tsv: " + line);
            routes.add(new Route(f[0], f[1], f[2]));
        }
        return routes;
    }

    @Test
    void chartReadsTheSameRouteTableAsTheLocalGateway() throws Exception {
        assertEquals(Files.readString(Repo.ROUTES), Files.readString(Repo.CHART.resolve("files/routes.tsv")),
                "helm/ddangn-market/files/routes.tsv must be a copy of local/routes.tsv: cp local/routes.tsv helm/ddangn-market/files/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "trial", "production", "external"})
    void renderedIngressImplementsExactlyTheRouteTable(String valueSet) throws Exception {
        List<JsonNode> objects = Chart.render(valueSet);
        Map<String, String> backendService = Map.of("product", "product", "chat", "chat", "notify", "notify",
                "frontend", "frontend", "keycloak", valueSet.equals("external") ? "keycloak-service" : "keycloak");
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
                    assertEquals("Prefix", path.path("pathType").asText(), prefix + ": Prefix matches whole segments like routes.tsv");
                    assertFalse(prefix.startsWith("/internal") || prefix.startsWith("/q"), prefix + " must never be exposed");
                    String service = path.path("backend").path("service").path("name").asText();
                    assertTrue(actual.put(prefix, service) == null, "route " + prefix + " rendered twice");
                    int port = path.path("backend").path("service").path("port").path("number").asInt();
                    assertTrue(port > 0, prefix + " needs a backend port");
                    boolean websocket = "websocket".equals(expectedKind.get(prefix));
                    int readTimeout = annotations.path("nginx.ingress.kubernetes.io/proxy-read-timeout").asInt(60);
                    if (websocket) {
                        assertTrue(readTimeout >= 3600, prefix + ": WebSocket route needs long proxy timeouts");
                        assertTrue(annotations.path("nginx.ingress.kubernetes.io/proxy-send-timeout").asInt(60) >= 3600);
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
            assertEquals("market.example.com", ingress.path("spec").path("rules").get(0).path("host").asText());
            assertEquals("market-tls", ingress.path("spec").path("tls").get(0).path("secretName").asText());
            assertEquals("letsencrypt", ingress.path("metadata").path("annotations").path("cert-manager.io/cluster-issuer").asText());
        }
    }
}
