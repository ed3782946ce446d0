package market.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Wrong values fail at install time with a message that names the value; the README documents every value. */
class ChartValuesTest {

    private static String failure(Map<String, Object> sets) {
        Exception e = assertThrows(
                Exception.class, () -> Chart.template("default", sets), "helm template should have failed for " + sets);
        String message = String.valueOf(e.getMessage());
        System.out.println("helm template " + sets + " -> " + message);
        return message;
    }

    @Test
    void wrongTypeIsRejectedBySchema() {
        Map<String, Object> sets = new HashMap<>();
        sets.put("product.replicas", "two");
        String message = failure(sets);
        assertTrue(message.contains("product") && message.contains("replicas"), message);
    }

    @Test
    void misspeltKeyIsRejectedBySchema() {
        String message = failure(Map.of("postgresql.externl.host", "db"));
        assertTrue(message.contains("externl"), message);
    }

    @Test
    void externalPostgresWithoutHostFailsWithAClearMessage() {
        String message = failure(Map.of("postgresql.enabled", "false"));
        assertTrue(message.contains("postgresql.enabled=true (bundled) or postgresql.external.host"), message);
    }

    @Test
    void externalRedisWithoutHostFails() {
        String message = failure(Map.of("redis.enabled", "false"));
        assertTrue(message.contains("redis.external.host"), message);
    }

    @Test
    void externalKeycloakWithoutUrlFails() {
        String message = failure(Map.of("keycloak.enabled", "false"));
        assertTrue(message.contains("keycloak.external.url"), message);
    }

    @Test
    void externalS3WithoutEndpointFails() {
        String message = failure(Map.of("s3.enabled", "false"));
        assertTrue(message.contains("s3.external.endpoint"), message);
    }

    @Test
    void fcmWithoutCredentialsSecretFails() {
        String message = failure(Map.of("notify.fcm.enabled", "true"));
        assertTrue(message.contains("notify.fcm.existingSecret"), message);
    }

    @Test
    void publicUrlWithPathIsRejected() {
        String message = failure(Map.of("publicUrl", "https://market.example.com/shop/"));
        assertTrue(message.contains("publicUrl"), message);
    }

    @Test
    void schemaValidatorIsNotVacuous() throws Exception {
        JsonNode deployment =
                Chart.get(Chart.render("default"), "Deployment", "product").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) deployment.path("spec")).put("replicas", "two");
        ((com.fasterxml.jackson.databind.node.ObjectNode) deployment
                        .path("spec")
                        .path("template")
                        .path("spec")
                        .path("containers")
                        .get(0))
                .put("readinesProbe", "typo");
        String problems = String.join("\n", Schemas.validate(deployment));
        assertTrue(problems.contains("replicas"), problems);
        assertTrue(problems.contains("readinesProbe"), problems);
    }

    @Test
    void readmeDocumentsEveryValueAndNoOther() throws Exception {
        Set<String> keys = new TreeSet<>();
        leaves(Chart.YAML.readTree(Repo.CHART.resolve("values.yaml").toFile()), "", keys);
        String readme = Files.readString(Repo.CHART.resolve("README.md"));
        int table = readme.indexOf("\n## Values\n");
        assertTrue(table > 0, "README.md needs a '## Values' section");
        readme = readme.substring(table);
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(readme);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> missing = new TreeSet<>(keys);
        missing.removeAll(documented);
        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(keys);
        assertTrue(missing.isEmpty(), "values.yaml keys missing from README.md's table: " + missing);
        assertTrue(stale.isEmpty(), "README.md documents keys values.yaml does not have: " + stale);
        assertEquals(keys.size(), documented.size());
    }

    /** Leaf keys; maps that are themselves values (resources, config, annotations, labels) count as one key. */
    private static void leaves(JsonNode node, String prefix, Set<String> out) {
        node.fields().forEachRemaining(e -> {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode v = e.getValue();
            boolean opaque = Set.of(
                            "resources",
                            "config",
                            "annotations",
                            "podLabels",
                            "nodeSelector",
                            "ingressControllerPodLabels",
                            "gatewayPodLabels",
                            "podSelector",
                            "labels")
                    .contains(e.getKey());
            if (v.isObject() && !opaque && v.size() > 0) {
                leaves(v, key, out);
            } else {
                out.add(key);
            }
        });
    }
}
