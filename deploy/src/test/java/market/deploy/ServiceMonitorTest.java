package market.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Optional Prometheus Operator ServiceMonitors: valid, pointing at the ports and paths that serve metrics, reachable. */
class ServiceMonitorTest {
    static final Map<String, Object> ON = Map.of(
            "metrics.serviceMonitor.enabled", "true", "metrics.serviceMonitor.labels.release", "kube-prometheus-stack");

    @Test
    void offByDefault() {
        assertTrue(Chart.ofKind(Chart.render("default"), "ServiceMonitor").isEmpty());
    }

    @Test
    void scrapeTheServicesAndKeycloakWhereTheyServeMetrics() {
        List<JsonNode> objects = Chart.parseAll(Chart.template("default", ON));
        List<String> problems = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        Set<String> reachable = NetworkPolicies.allowedEdges(
                objects,
                Chart.NAMESPACE,
                "ingress-nginx",
                Map.of("app.kubernetes.io/name", "ingress-nginx"),
                HelmChartTest.PROMETHEUS);
        for (JsonNode sm : Chart.ofKind(objects, "ServiceMonitor")) {
            problems.addAll(Schemas.validate(sm));
            String name = sm.path("metadata").path("name").asText();
            names.add(name);
            assertEquals(
                    "kube-prometheus-stack",
                    sm.path("metadata").path("labels").path("release").asText());
            JsonNode endpoint = sm.path("spec").path("endpoints").get(0);
            // the Services it selects, the port it names, the container port behind it
            List<JsonNode> services = Chart.ofKind(objects, "Service").stream()
                    .filter(s -> Workloads.selects(
                            sm.path("spec").path("selector").path("matchLabels"),
                            s.path("metadata").path("labels")))
                    .toList();
            List<JsonNode> withPort = services.stream()
                    .filter(s -> {
                        for (JsonNode p : s.path("spec").path("ports")) {
                            if (p.path("name")
                                    .asText()
                                    .equals(endpoint.path("port").asText())) return true;
                        }
                        return false;
                    })
                    .toList();
            assertEquals(1, withPort.size(), name + ": exactly one Service with port " + endpoint.path("port"));
            String kind = name.equals("keycloak") ? "StatefulSet" : "Deployment";
            JsonNode c = Chart.get(objects, kind, name)
                    .path("spec")
                    .path("template")
                    .path("spec")
                    .path("containers")
                    .get(0);
            int containerPort = -1;
            for (JsonNode p : withPort.get(0).path("spec").path("ports")) {
                if (p.path("name").asText().equals(endpoint.path("port").asText())) {
                    containerPort = Workloads.resolvePort(c, p.path("targetPort"));
                }
            }
            if (name.equals("keycloak")) {
                assertEquals(9000, containerPort, "Keycloak serves metrics on its management port");
                assertEquals("/auth/metrics", endpoint.path("path").asText());
            } else {
                assertEquals(Integer.parseInt(HelmChartTest.env(c).get("QUARKUS_HTTP_PORT")), containerPort);
                assertEquals("/q/metrics", endpoint.path("path").asText());
            }
            assertTrue(
                    reachable.contains("prometheus->" + name + ":" + containerPort),
                    "Prometheus' namespace must reach " + name + ":" + containerPort);
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        assertEquals(Set.of("product", "chat", "notify", "keycloak"), names);

        List<JsonNode> external = Chart.parseAll(Chart.template("external", ON));
        Set<String> externalNames = new TreeSet<>();
        Chart.ofKind(external, "ServiceMonitor")
                .forEach(s -> externalNames.add(s.path("metadata").path("name").asText()));
        assertEquals(
                Set.of("product", "chat", "notify"),
                externalNames,
                "no ServiceMonitor for a Keycloak the chart does not run");
    }
}
