package market.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * observability.*: tracing stays off (as the images ship) until an OTLP endpoint is given, then the services get
 * the SDK switched on and the endpoint; JSON logs in the chart's profile. The services' own defaults agree.
 */
class ObservabilityValuesTest {

    private static final List<String> SERVICES = List.of("product", "chat", "notify");

    private static Map<String, String> env(List<JsonNode> objects, String service) {
        Map<String, String> env = new HashMap<>();
        Chart.get(objects, "Deployment", service)
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0)
                .path("env")
                .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText(null)));
        return env;
    }

    @Test
    void byDefaultTracingIsOffAndLogsAreJson() {
        List<JsonNode> objects = Chart.render("default");
        for (String service : SERVICES) {
            Map<String, String> env = env(objects, service);
            assertFalse(env.keySet().stream().anyMatch(k -> k.startsWith("QUARKUS_OTEL_")), service + ": " + env);
            assertEquals("true", env.get("QUARKUS_LOG_CONSOLE_JSON_ENABLED"), service);
        }
    }

    @Test
    void anOtlpEndpointSwitchesTracingOnInEveryService() {
        Map<String, Object> sets = new HashMap<>();
        sets.put("observability.otlp.endpoint", "http://otel-collector.monitoring:4317");
        sets.put("observability.otlp.samplerRatio", "0.25");
        sets.put("observability.jsonLogs", "false");
        List<JsonNode> objects = Chart.parseAll(Chart.template("default", sets));
        for (String service : SERVICES) {
            Map<String, String> env = env(objects, service);
            assertEquals("false", env.get("QUARKUS_OTEL_SDK_DISABLED"), service);
            assertEquals(
                    "http://otel-collector.monitoring:4317", env.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT"), service);
            assertEquals("grpc", env.get("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL"), service);
            assertEquals("0.25", env.get("QUARKUS_OTEL_TRACES_SAMPLER_ARG"), service);
            assertEquals("false", env.get("QUARKUS_LOG_CONSOLE_JSON_ENABLED"), service);
        }
    }

    /** The egress rules of a service's NetworkPolicy that allow the given TCP port, as JSON text. */
    private static List<String> egressTo(List<JsonNode> objects, String service, int port) {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode rule :
                Chart.get(objects, "NetworkPolicy", service).path("spec").path("egress")) {
            for (JsonNode p : rule.path("ports")) {
                if (p.path("port").asInt() == port) {
                    out.add(rule.path("to").toString());
                }
            }
        }
        return out;
    }

    @Test
    void theServicesMayReachTheCollectorOnlyWhenTracingIsOn() {
        for (String service : SERVICES) {
            assertTrue(
                    egressTo(Chart.render("default"), service, 4317).isEmpty(),
                    service + " reaches 4317 with tracing off");
        }
        // in the cluster: by its pods' labels (a CIDR rule would not match them on Cilium)
        Map<String, Object> sets = new HashMap<>();
        sets.put("observability.otlp.endpoint", "http://otel-collector.monitoring:4317");
        sets.put("observability.otlp.podSelector.app", "otel-collector");
        sets.put("observability.otlp.namespace", "monitoring");
        List<JsonNode> objects = Chart.parseAll(Chart.template("default", sets));
        for (String service : SERVICES) {
            List<String> rules = egressTo(objects, service, 4317);
            assertEquals(1, rules.size(), service + ": " + rules);
            assertTrue(
                    rules.get(0).contains("\"app\":\"otel-collector\"")
                            && rules.get(0).contains("monitoring")
                            && !rules.get(0).contains("ipBlock"),
                    rules.get(0));
        }
        // outside the pod network: the external CIDRs, that port only
        List<JsonNode> outside = Chart.parseAll(
                Chart.template("default", Map.of("observability.otlp.endpoint", "https://otlp.example.com:4318")));
        for (String service : SERVICES) {
            List<String> rules = egressTo(outside, service, 4318);
            assertEquals(1, rules.size(), service + ": " + rules);
            assertTrue(rules.get(0).contains("ipBlock"), rules.get(0));
        }
    }

    @Test
    void wrongObservabilityValuesAreRejected() {
        assertThrows(Exception.class, () -> Chart.template("default", Map.of("observability.otlp.protocol", "zipkin")));
        assertThrows(
                Exception.class,
                () -> Chart.template("default", Map.of("observability.otlp.endpoint", "collector:4317")));
        assertThrows(Exception.class, () -> Chart.template("default", Map.of("observability.otlp.samplerRatio", "2")));
        assertThrows(
                Exception.class, () -> Chart.template("default", Map.of("observability.otlp.samplerRatio", "1.5")));
    }

    @Test
    void theServicesShipWithTracingOffPlainLogsLocallyAndJsonInTheChartsProfile() throws Exception {
        String profile = Chart.YAML
                .readTree(Repo.CHART.resolve("values.yaml").toFile())
                .path("serviceDefaults")
                .path("profile")
                .asText();
        assertTrue(List.of(profile.split(",")).contains("kubernetes"), "the chart runs profile kubernetes: " + profile);
        for (String service : SERVICES) {
            String props = Files.readString(Repo.ROOT.resolve(service + "/src/main/resources/application.properties"));
            assertTrue(
                    props.contains("\nquarkus.otel.sdk.disabled=true\n"), service + ": tracing off unless configured");
            assertTrue(props.contains("\nquarkus.log.console.json.enabled=false\n"), service + ": plain logs locally");
            assertTrue(
                    props.contains("\n%kubernetes.quarkus.log.console.json.enabled=true\n"),
                    service + ": JSON in the chart");
            String pom = Files.readString(Repo.ROOT.resolve(service + "/pom.xml"));
            assertTrue(
                    pom.contains("<artifactId>quarkus-opentelemetry</artifactId>")
                            && pom.contains("<artifactId>quarkus-logging-json</artifactId>"),
                    service);
        }
    }
}
