package market.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Gateway API alternative to the Ingress (ingress-nginx is retired upstream): one HTTPRoute with exactly the
 * routes of local/routes.tsv, validated against the Gateway API v1.2.1 standard-channel HTTPRoute CRD.
 */
class GatewayApiRoutesTest {
    static Map<String, Object> gatewaySets() {
        Map<String, Object> sets = new LinkedHashMap<>();
        sets.put("gatewayApi.enabled", "true");
        sets.put("gatewayApi.parentRefs[0].name", "public");
        sets.put("gatewayApi.parentRefs[0].namespace", "gateway-system");
        sets.put("gatewayApi.parentRefs[0].sectionName", "https");
        sets.put("networkPolicy.gatewayNamespace", "envoy-gateway-system");
        sets.put("networkPolicy.gatewayPodLabels.app\\.kubernetes\\.io/name", "envoy");
        return sets;
    }

    static List<JsonNode> render(String valueSet, Map<String, Object> more) {
        Map<String, Object> sets = gatewaySets();
        sets.putAll(more);
        return Chart.parseAll(Chart.template(valueSet, sets));
    }

    static Duration duration(String gatewayDuration) {
        // Gateway API durations: 1-4 parts of <digits><h|m|s|ms>, e.g. "1h30m", "3600s"
        Duration d = Duration.ZERO;
        var m = java.util.regex.Pattern.compile("([0-9]{1,5})(h|m|s|ms)").matcher(gatewayDuration);
        int end = 0;
        while (m.find()) {
            assertEquals(end, m.start(), "not a Gateway API duration: " + gatewayDuration);
            long n = Long.parseLong(m.group(1));
            d = d.plus(
                    switch (m.group(2)) {
                        case "h" -> Duration.ofHours(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "s" -> Duration.ofSeconds(n);
                        default -> Duration.ofMillis(n);
                    });
            end = m.end();
        }
        assertEquals(gatewayDuration.length(), end, "not a Gateway API duration: " + gatewayDuration);
        return d;
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "trial", "production", "external"})
    void httpRouteImplementsExactlyTheRouteTable(String valueSet) throws Exception {
        List<JsonNode> objects = render(valueSet, Map.of());
        List<JsonNode> routes = Chart.ofKind(objects, "HTTPRoute");
        assertEquals(1, routes.size(), "one HTTPRoute");
        JsonNode spec = routes.get(0).path("spec");
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
        Map<String, String> kind = new TreeMap<>();
        for (IngressRoutesTest.Route r : IngressRoutesTest.routesTsv()) {
            expected.put(r.prefix(), backendService.get(r.backend()));
            kind.put(r.prefix(), r.kind());
        }
        // the same host as the Ingress
        String ingressHost = Chart.get(objects, "Ingress", "market")
                .path("spec")
                .path("rules")
                .get(0)
                .path("host")
                .asText();
        assertEquals(List.of(ingressHost), Chart.JSON.convertValue(spec.path("hostnames"), List.class));
        assertEquals("public", spec.path("parentRefs").get(0).path("name").asText());
        assertEquals(
                "gateway-system",
                spec.path("parentRefs").get(0).path("namespace").asText());
        assertTrue(spec.path("rules").size() <= 16, "an HTTPRoute holds at most 16 rules");
        Map<String, String> actual = new TreeMap<>();
        int matches = 0;
        for (JsonNode rule : spec.path("rules")) {
            assertEquals(1, rule.path("backendRefs").size(), "one backend per rule");
            JsonNode backend = rule.path("backendRefs").get(0);
            assertTrue(backend.path("port").asInt() > 0, "a Service backendRef needs a port");
            boolean websocketRule = false;
            for (JsonNode m : rule.path("matches")) {
                matches++;
                String prefix = m.path("path").path("value").asText();
                assertEquals(
                        "PathPrefix",
                        m.path("path").path("type").asText(),
                        prefix + ": whole-segment prefix like routes.tsv");
                assertTrue(prefix.startsWith("/") && !prefix.contains("//"), prefix);
                assertFalse(
                        prefix.startsWith("/internal") || prefix.startsWith("/q"), prefix + " must never be exposed");
                assertTrue(actual.put(prefix, backend.path("name").asText()) == null, prefix + " routed twice");
                websocketRule |= "websocket".equals(kind.get(prefix));
            }
            JsonNode timeouts = rule.path("timeouts");
            if (websocketRule) {
                Duration request = duration(timeouts.path("request").asText());
                Duration backendRequest =
                        duration(timeouts.path("backendRequest").asText());
                assertTrue(
                        request.compareTo(Duration.ofHours(1)) >= 0,
                        "WebSocket route needs long timeouts: " + timeouts);
                assertTrue(backendRequest.compareTo(request) <= 0, "backendRequest must not exceed request (CRD rule)");
                assertTrue(backendRequest.compareTo(Duration.ofHours(1)) >= 0, timeouts.toString());
            } else {
                assertTrue(timeouts.isMissingNode(), "only the WebSocket route gets long timeouts: " + rule);
            }
            int headerFilters = 0;
            for (JsonNode f : rule.path("filters")) {
                headerFilters += f.path("type").asText().equals("ResponseHeaderModifier") ? 1 : 0;
            }
            assertTrue(headerFilters <= 1, "at most one ResponseHeaderModifier per rule (CRD rule)");
        }
        assertTrue(matches < 128, "fewer than 128 matches per HTTPRoute (CRD rule)");
        assertEquals(expected, actual);
        for (String service : actual.values()) {
            if (!service.equals("keycloak-service")) {
                Chart.get(objects, "Service", service);
            }
        }
        List<String> problems = new ArrayList<>();
        objects.forEach(o -> problems.addAll(Schemas.validate(o)));
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    /** The gateway's security headers on the services' answers, set (replaced) by ResponseHeaderModifier. */
    @Test
    void servicesRoutesCarryTheGatewaysResponseHeaders() throws Exception {
        JsonNode spec =
                Chart.get(render("default", Map.of()), "HTTPRoute", "market").path("spec");
        Map<String, Map<String, String>> headersOf = new TreeMap<>();
        for (JsonNode rule : spec.path("rules")) {
            Map<String, String> set = new TreeMap<>();
            for (JsonNode f : rule.path("filters")) {
                assertEquals("ResponseHeaderModifier", f.path("type").asText());
                f.path("responseHeaderModifier")
                        .path("set")
                        .forEach(h ->
                                set.put(h.path("name").asText(), h.path("value").asText()));
                assertTrue(
                        f.path("responseHeaderModifier").path("add").isMissingNode(),
                        "set, not add: exactly one value");
            }
            rule.path("matches")
                    .forEach(m -> headersOf.put(m.path("path").path("value").asText(), set));
        }
        for (IngressRoutesTest.Route r : IngressRoutesTest.routesTsv()) {
            Map<String, String> set = headersOf.get(r.prefix());
            if (r.backend().equals("keycloak") || r.kind().equals("static")) {
                assertTrue(set.isEmpty(), r.prefix() + " sets its own headers (Keycloak, the frontend's nginx)");
                continue;
            }
            assertEquals("nosniff", set.get("X-Content-Type-Options"), r.prefix());
            assertEquals("DENY", set.get("X-Frame-Options"), r.prefix());
            assertEquals("strict-origin-when-cross-origin", set.get("Referrer-Policy"), r.prefix());
            assertEquals(
                    "default-src 'none'; frame-ancestors 'none'; sandbox",
                    set.get("Content-Security-Policy"),
                    r.prefix());
            assertEquals(r.cache().equals("no-store") ? "no-store" : null, set.get("Cache-Control"), r.prefix());
        }
        // the same headers as the Ingress' ConfigMaps
        List<JsonNode> withIngressHeaders = render("default", Map.of("ingress.apiHeaders.enabled", "true"));
        JsonNode noStore = Chart.get(withIngressHeaders, "ConfigMap", "market-api-headers-no-store")
                .path("data");
        Map<String, String> cm = new TreeMap<>();
        noStore.fields().forEachRemaining(e -> cm.put(e.getKey(), e.getValue().asText()));
        assertEquals(cm, headersOf.get("/api/me"));

        JsonNode off =
                Chart.get(render("default", Map.of("gatewayApi.apiHeaders.enabled", "false")), "HTTPRoute", "market");
        off.path("spec")
                .path("rules")
                .forEach(rule -> assertTrue(rule.path("filters").isMissingNode(), rule.toString()));
    }

    @Test
    void gatewayDataPlaneReachesExactlyWhatTheIngressControllerReaches() {
        List<JsonNode> objects = render("default", Map.of());
        NetworkPolicies.Endpoint gateway =
                NetworkPolicies.pod("gateway", "envoy-gateway-system", Map.of("app.kubernetes.io/name", "envoy"));
        NetworkPolicies.Endpoint other =
                NetworkPolicies.pod("other", "envoy-gateway-system", Map.of("app.kubernetes.io/name", "other"));
        TreeSet<String> edges = NetworkPolicies.allowedEdges(
                objects,
                Chart.NAMESPACE,
                "ingress-nginx",
                Map.of("app.kubernetes.io/name", "ingress-nginx"),
                gateway,
                other);
        TreeSet<String> fromGateway = new TreeSet<>();
        TreeSet<String> fromController = new TreeSet<>();
        for (String e : edges) {
            if (e.startsWith("gateway->")) fromGateway.add(e.substring("gateway->".length()));
            if (e.startsWith(NetworkPolicies.CONTROLLER + "->"))
                fromController.add(e.substring(NetworkPolicies.CONTROLLER.length() + 2));
            assertFalse(e.startsWith("other->"), "only the Gateway's pods: " + e);
        }
        assertEquals(
                new TreeSet<>(List.of("chat:8080", "frontend:8080", "keycloak:8080", "notify:8080", "product:8080")),
                fromGateway);
        assertEquals(fromController, fromGateway);
    }

    @Test
    void missingParentRefsOrDataPlaneNamespaceFailWithAClearMessage() {
        Exception e =
                assertThrows(Exception.class, () -> Chart.template("default", Map.of("gatewayApi.enabled", "true")));
        assertTrue(e.getMessage().contains("gatewayApi.parentRefs"), e.getMessage());
        Map<String, Object> sets = gatewaySets();
        sets.remove("networkPolicy.gatewayNamespace");
        e = assertThrows(Exception.class, () -> Chart.template("default", sets));
        assertTrue(e.getMessage().contains("networkPolicy.gatewayNamespace"), e.getMessage());
        sets.put("networkPolicy.enabled", "false");
        Chart.get(Chart.parseAll(Chart.template("default", sets)), "HTTPRoute", "market");
    }

    @Test
    void withoutGatewayApiNoHttpRoute() {
        assertTrue(Chart.ofKind(Chart.render("default"), "HTTPRoute").isEmpty());
    }

    @Test
    void httpRouteSchemaIsNotVacuous() {
        JsonNode route =
                Chart.get(render("default", Map.of()), "HTTPRoute", "market").deepCopy();
        ObjectNode ws = (ObjectNode) route.path("spec")
                .path("rules")
                .get(route.path("spec").path("rules").size() - 1);
        ws.set("timeout", ws.remove("timeouts"));
        ((ObjectNode) route.path("spec")
                        .path("rules")
                        .get(0)
                        .path("matches")
                        .get(0)
                        .path("path"))
                .put("type", "Prefix");
        String problems = String.join("\n", Schemas.validate(route));
        assertTrue(problems.contains("timeout"), problems);
        assertTrue(problems.contains("Prefix"), problems);
    }
}
