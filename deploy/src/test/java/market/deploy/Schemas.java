package market.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validation of rendered objects without a cluster:
 * <ul>
 *   <li>the Kubernetes OpenAPI definitions (src/test/resources/schemas, see README there), made strict the way
 *       kubeconform's "-strict" is: an object with declared properties accepts no others, so a misspelt field
 *       fails instead of being dropped by the API server;</li>
 *   <li>CRDs' openAPIV3Schema (src/test/resources/crds: the operators', Gateway API's HTTPRoute, Prometheus
 *       Operator's ServiceMonitor), made strict the same way (CEL x-kubernetes-validations are not evaluated);</li>
 *   <li>fabric8's typed model: every object must deserialize into its typed class, not a generic resource.</li>
 * </ul>
 */
final class Schemas {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(false).build();
    private static final ObjectNode K8S_DEFINITIONS = loadKubernetesDefinitions();
    private static final Map<String, String> GVK_TO_DEFINITION = indexGvk();
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private Schemas() {}

    /** All problems of one object: schema violations (with JSON paths) and fabric8 typing failures. */
    static List<String> validate(JsonNode object) {
        List<String> problems = new ArrayList<>();
        String gvk = gvk(object);
        JsonSchema schema = CACHE.computeIfAbsent(gvk, Schemas::schemaFor);
        if (schema == null) {
            problems.add(Chart.id(object) + ": no schema for " + gvk);
            return problems;
        }
        for (ValidationMessage m : schema.validate(object)) {
            problems.add(Chart.id(object) + ": " + m.getMessage());
        }
        if (GVK_TO_DEFINITION.containsKey(gvk)) { // operator CRs have no fabric8 model; their CRD schema checked them
            try {
                KubernetesResource typed = FABRIC8.unmarshal(object.toString(), KubernetesResource.class);
                if (typed instanceof GenericKubernetesResource) {
                    problems.add(Chart.id(object) + ": fabric8 knows no typed model for " + gvk);
                }
            } catch (RuntimeException e) {
                problems.add(Chart.id(object) + ": fabric8 cannot read it: " + e.getMessage());
            }
        }
        return problems;
    }

    static String gvk(JsonNode o) {
        return o.path("apiVersion").asText() + "/" + o.path("kind").asText();
    }

    private static JsonSchema schemaFor(String gvk) {
        String def = GVK_TO_DEFINITION.get(gvk);
        if (def != null) {
            ObjectNode root = F.objectNode();
            root.set("definitions", K8S_DEFINITIONS);
            root.put("$ref", "#/definitions/" + def);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(root, CONFIG);
        }
        for (String crd : List.of(
                "keycloaks.k8s.keycloak.org-v1.yml",
                "keycloakrealmimports.k8s.keycloak.org-v1.yml",
                "postgresql.cnpg.io_clusters.yaml",
                "gateway.networking.k8s.io_httproutes.yaml",
                "monitoring.coreos.com_servicemonitors.yaml")) {
            JsonNode c = readResource("crds/" + crd, true);
            String group = c.path("spec").path("group").asText();
            String kind = c.path("spec").path("names").path("kind").asText();
            for (JsonNode v : c.path("spec").path("versions")) {
                if (gvk.equals(group + "/" + v.path("name").asText() + "/" + kind)) {
                    ObjectNode s = (ObjectNode)
                            v.path("schema").path("openAPIV3Schema").deepCopy();
                    strict(s);
                    // apiVersion/kind/metadata are checked by the API server itself, not the CRD schema.
                    ObjectNode props = (ObjectNode) s.with("properties");
                    props.putIfAbsent("apiVersion", F.objectNode().put("type", "string"));
                    props.putIfAbsent("kind", F.objectNode().put("type", "string"));
                    props.putIfAbsent("metadata", F.objectNode().put("type", "object"));
                    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                            .getSchema(s, CONFIG);
                }
            }
        }
        return null;
    }

    private static ObjectNode loadKubernetesDefinitions() {
        ObjectNode defs = (ObjectNode)
                readResource("schemas/kubernetes-definitions.json", false).get("definitions");
        // OpenAPI v2 writes these as plain strings; the API server accepts numbers as well (ports, "cpu: 1").
        defs.set("io.k8s.apimachinery.pkg.util.intstr.IntOrString", anyOf("string", "integer"));
        defs.set("io.k8s.apimachinery.pkg.api.resource.Quantity", anyOf("string", "number"));
        strict(defs);
        return defs;
    }

    private static ObjectNode anyOf(String... types) {
        ArrayNode arr = F.arrayNode();
        for (String t : types) {
            arr.add(F.objectNode().put("type", t));
        }
        ObjectNode o = F.objectNode();
        o.set("anyOf", arr);
        return o;
    }

    /** additionalProperties=false wherever properties are declared and unknown fields are not explicitly kept. */
    private static void strict(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.has("properties")
                    && o.get("properties").isObject()
                    && !o.has("additionalProperties")
                    && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                o.put("additionalProperties", false);
            }
            Iterator<JsonNode> it = o.elements();
            while (it.hasNext()) {
                strict(it.next());
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(Schemas::strict);
        }
    }

    private static Map<String, String> indexGvk() {
        Map<String, String> index = new HashMap<>();
        K8S_DEFINITIONS.fields().forEachRemaining(e -> {
            for (JsonNode g : e.getValue().path("x-kubernetes-group-version-kind")) {
                String group = g.path("group").asText();
                String apiVersion = group.isEmpty()
                        ? g.path("version").asText()
                        : group + "/" + g.path("version").asText();
                index.put(apiVersion + "/" + g.path("kind").asText(), e.getKey());
            }
        });
        return index;
    }

    static JsonNode readResource(String name, boolean yaml) {
        try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return (yaml ? Chart.YAML : Chart.JSON).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<String> knownKinds() {
        return GVK_TO_DEFINITION.keySet();
    }
}
