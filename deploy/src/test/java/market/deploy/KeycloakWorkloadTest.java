package market.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundled Keycloak runs the project's pre-built image with "start --optimized" on a read-only root: no rebuild
 * at start, writable emptyDirs only where Keycloak writes at run time, health on the management port.
 */
class KeycloakWorkloadTest {
    static final String APP_VERSION = "0.1.0";

    static JsonNode container(List<JsonNode> objects) {
        return Chart.get(objects, "StatefulSet", "keycloak")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
    }

    @Test
    void runsTheProjectsImageLikeTheOtherImages() {
        assertEquals(
                "ghcr.io/ddangn-market/keycloak:" + APP_VERSION,
                container(Chart.render("default")).path("image").asText());
        assertEquals(
                "registry.example.com/ddangn-market/keycloak:0.1.0",
                container(Chart.render("production")).path("image").asText());
        assertEquals(
                "ghcr.io/ddangn-market/keycloak:v7",
                container(Chart.parseAll(Chart.template("default", Map.of("image.tag", "v7"))))
                        .path("image")
                        .asText());
        assertEquals(
                "registry.local/keycloak:skaffold",
                container(Chart.parseAll(Chart.template(
                                "default", Map.of("image.overrides.keycloak", "registry.local/keycloak:skaffold"))))
                        .path("image")
                        .asText());
        assertEquals(
                "my.registry/kc:26.5-built",
                container(Chart.parseAll(
                                Chart.template("default", Map.of("keycloak.image", "my.registry/kc:26.5-built"))))
                        .path("image")
                        .asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "production"})
    void startsOptimizedOnAReadOnlyRootWithoutABuildDirectory(String valueSet) {
        JsonNode c = container(Chart.render(valueSet));
        assertEquals(
                List.of("start", "--optimized", "--import-realm"), Chart.JSON.convertValue(c.path("args"), List.class));
        assertTrue(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
        Map<String, String> env = HelmChartTest.env(c);
        // build options live in the image; given at run time they would only warn (or, differing, be ignored)
        for (String buildOption :
                List.of("KC_DB", "KC_HEALTH_ENABLED", "KC_METRICS_ENABLED", "KC_HTTP_RELATIVE_PATH")) {
            assertFalse(env.containsKey(buildOption), buildOption + " is a build option of the image");
        }
        Map<String, String> mounts = new TreeMap<>();
        c.path("volumeMounts")
                .forEach(m ->
                        mounts.put(m.path("mountPath").asText(), m.path("name").asText()));
        assertEquals(
                Set.of("/opt/keycloak/data", "/opt/keycloak/data/import", "/tmp"),
                mounts.keySet(),
                "no emptyDir over the Quarkus build output (lib/quarkus): the image is already built");
        JsonNode pod = Chart.get(Chart.render(valueSet), "StatefulSet", "keycloak")
                .path("spec")
                .path("template")
                .path("spec");
        Map<String, JsonNode> volumes = new TreeMap<>();
        pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        assertTrue(volumes.get(mounts.get("/opt/keycloak/data")).has("emptyDir"));
        assertTrue(volumes.get(mounts.get("/tmp")).has("emptyDir"));
        assertEquals(
                "keycloak-realm",
                volumes.get(mounts.get("/opt/keycloak/data/import"))
                        .path("secret")
                        .path("secretName")
                        .asText());
    }

    /** Keycloak 26 serves health on the management port 9000, under the inherited http-relative-path. */
    @Test
    void probesHitTheManagementPort() {
        JsonNode c = container(Chart.render("default"));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode get = c.path(probe).path("httpGet");
            assertEquals(9000, Workloads.resolvePort(c, get.path("port")), probe);
            assertTrue(get.path("path").asText().startsWith("/auth/health/"), probe + " " + get);
        }
        JsonNode root = container(Chart.parseAll(Chart.template("default", Map.of("keycloak.managementPath", "/"))));
        assertEquals(
                "/health/ready",
                root.path("readinessProbe").path("httpGet").path("path").asText());
        Set<Integer> servicePorts = new TreeSet<>();
        Chart.get(Chart.render("default"), "Service", "keycloak")
                .path("spec")
                .path("ports")
                .forEach(p -> servicePorts.add(Workloads.resolvePort(c, p.path("targetPort"))));
        assertEquals(Set.of(8080, 9000), servicePorts);
    }
}
