package market.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The container stack (./market up --containers) runs what the chart deploys: this renders the chart with
 * local/containers/values.yaml and turns every Deployment and StatefulSet into a flat description podman can run
 * (local/containers/stack.json) — image, command, args, env with Secret/ConfigMap references resolved, the
 * user, read-only root, capabilities, ConfigMap/Secret files, emptyDirs, volumes and the readiness probe. So the
 * containers get the very keys the chart's ConfigMaps and Secrets carry (one source), and a chart change that the
 * file does not follow fails here.
 *
 * What cannot be the same without an API server: the services read &lt;service&gt;-config and &lt;service&gt;-secrets
 * through the Kubernetes API (quarkus-kubernetes-config); here the same entries are a config/application.properties
 * file in the working directory (Quarkus reads it with a higher ordinal than the built-in one) and
 * QUARKUS_KUBERNETES_CONFIG_ENABLED=false.
 */
class ContainerStackTest {
    static final Path VALUES = Repo.ROOT.resolve("local/containers/values.yaml");
    static final Path STACK = Repo.ROOT.resolve("local/containers/stack.json");
    static final Pattern K8S_VAR = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    /** Workloads in start order: what each depends on comes first. */
    static final List<String> ORDER =
            List.of("postgresql", "redis", "s3", "keycloak", "product", "chat", "notify", "frontend");

    /** The chart rendered once for all tests of this class (rendering takes seconds; nothing here changes it). */
    private static ObjectNode rendered;

    static synchronized ObjectNode stack() {
        if (rendered == null) {
            rendered = render();
        }
        return rendered;
    }

    private static ObjectNode render() {
        List<JsonNode> objects = Chart.parseAll(Chart.template(VALUES.toString(), Map.of()));
        ObjectNode out = Chart.JSON.createObjectNode();
        out.put(
                "_generated",
                "from helm/ddangn-market + local/containers/values.yaml by deploy/src/test/java/market/deploy/"
                        + "ContainerStackTest.java; do not edit. Regenerate: ./mvnw -B -f deploy/pom.xml test -Dmarket.regenerate=true");
        ArrayNode parts = out.putArray("parts");
        List<JsonNode> workloads = new ArrayList<>();
        workloads.addAll(Chart.ofKind(objects, "StatefulSet"));
        workloads.addAll(Chart.ofKind(objects, "Deployment"));
        workloads.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        for (JsonNode w : workloads) {
            parts.add(part(w, objects));
        }
        return out;
    }

    private static int rank(JsonNode w) {
        int i = ORDER.indexOf(w.path("metadata").path("name").asText());
        return i < 0 ? ORDER.size() : i;
    }

    private static ObjectNode part(JsonNode w, List<JsonNode> objects) {
        String name = w.path("metadata").path("name").asText();
        JsonNode pod = w.path("spec").path("template").path("spec");
        ObjectNode p = Chart.JSON.createObjectNode();
        p.put("name", name);
        p.put("kind", w.path("kind").asText());
        p.put("replicas", w.path("spec").path("replicas").asInt(1));
        // the volumes a StatefulSet claims per pod become named podman volumes
        Set<String> claims = new java.util.TreeSet<>();
        w.path("spec")
                .path("volumeClaimTemplates")
                .forEach(c -> claims.add(c.path("metadata").path("name").asText()));
        ArrayNode inits = p.putArray("initContainers");
        pod.path("initContainers").forEach(c -> inits.add(container(c, pod, claims, objects)));
        ArrayNode cs = p.putArray("containers");
        pod.path("containers").forEach(c -> cs.add(container(c, pod, claims, objects)));
        return p;
    }

    private static ObjectNode container(JsonNode c, JsonNode pod, Set<String> claims, List<JsonNode> objects) {
        ObjectNode o = Chart.JSON.createObjectNode();
        o.put("name", c.path("name").asText());
        o.put("image", c.path("image").asText());
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : c.path("env")) {
            env.put(e.path("name").asText(), envValue(e, objects));
        }
        List<String> keys = new ArrayList<>();
        c.path("ports").forEach(port -> keys.add(port.path("name").asText()));
        // Quarkus services: the ConfigMap and Secret quarkus-kubernetes-config would read, as a file.
        String configMaps = env.get("QUARKUS_KUBERNETES_CONFIG_CONFIG_MAPS");
        Map<String, String> properties = new TreeMap<>();
        if (configMaps != null) {
            for (String cm : configMaps.split(",")) {
                properties.putAll(data(Chart.get(objects, "ConfigMap", cm.trim())));
            }
            String secrets = env.get("QUARKUS_KUBERNETES_CONFIG_SECRETS");
            if (secrets != null) {
                for (String s : secrets.split(",")) {
                    properties.putAll(data(Chart.get(objects, "Secret", s.trim())));
                }
            }
            env.put("QUARKUS_KUBERNETES_CONFIG_ENABLED", "false");
        }
        ArrayNode command = o.putArray("command");
        c.path("command").forEach(a -> command.add(expand(a.asText(), env)));
        ArrayNode args = o.putArray("args");
        c.path("args").forEach(a -> args.add(expand(a.asText(), env)));
        ObjectNode envOut = o.putObject("env");
        env.forEach(envOut::put);

        JsonNode psc = pod.path("securityContext");
        JsonNode sc = c.path("securityContext");
        long uid = sc.path("runAsUser").asLong(psc.path("runAsUser").asLong(-1));
        long gid = sc.path("runAsGroup").asLong(psc.path("runAsGroup").asLong(-1));
        o.put("user", uid < 0 ? "" : gid < 0 ? String.valueOf(uid) : uid + ":" + gid);
        o.put(
                "runAsNonRoot",
                sc.path("runAsNonRoot").asBoolean(psc.path("runAsNonRoot").asBoolean(false)));
        o.put("readOnlyRootFilesystem", sc.path("readOnlyRootFilesystem").asBoolean(false));
        o.put("allowPrivilegeEscalation", sc.path("allowPrivilegeEscalation").asBoolean(true));
        ArrayNode drop = o.putArray("dropCapabilities");
        sc.path("capabilities").path("drop").forEach(drop::add);

        // the chart's limits as podman's --memory/--cpus (the JVMs size their heap from them, as in a pod)
        JsonNode limits = c.path("resources").path("limits");
        o.put("memoryLimit", quantity(limits.path("memory").asText("")));
        o.put("cpuLimit", cpus(limits.path("cpu").asText("")));
        if (c.has("envFrom")) {
            throw new AssertionError(
                    "envFrom of " + c.path("name").asText() + " is not supported by the container stack");
        }
        ArrayNode ports = o.putArray("ports");
        c.path("ports").forEach(port -> ports.add(port.path("containerPort").asInt()));

        ArrayNode mounts = o.putArray("mounts");
        if (configMaps != null) {
            ObjectNode m = mounts.addObject();
            m.put("path", "/deployments/config");
            m.put("type", "files");
            m.put("readOnly", true);
            StringBuilder sb = new StringBuilder("# ")
                    .append(configMaps)
                    .append(" + ")
                    .append(env.getOrDefault("QUARKUS_KUBERNETES_CONFIG_SECRETS", ""))
                    .append(" of the chart\n");
            properties.forEach(
                    (k, v) -> sb.append(k).append('=').append(escape(v)).append('\n'));
            m.putObject("files").put("application.properties", sb.toString());
        }
        for (JsonNode vm : c.path("volumeMounts")) {
            String vname = vm.path("name").asText();
            ObjectNode m = mounts.addObject();
            m.put("path", vm.path("mountPath").asText());
            m.put("readOnly", vm.path("readOnly").asBoolean(false));
            if (vm.has("subPath") && (claims.contains(vname) || isEmptyDir(pod, vname))) {
                throw new AssertionError("subPath on volume " + vname + " is not supported by the container stack");
            }
            if (claims.contains(vname)) {
                m.put("type", "volume");
                m.put("volume", vname);
                continue;
            }
            JsonNode vol = null;
            for (JsonNode v : pod.path("volumes")) {
                if (v.path("name").asText().equals(vname)) {
                    vol = v;
                }
            }
            if (vol == null) {
                throw new AssertionError(
                        "volume " + vname + " of " + c.path("name").asText() + " not found");
            }
            if (vol.has("emptyDir")) {
                m.put("type", "tmpfs");
            } else if (vol.has("configMap") || vol.has("secret")) {
                boolean secret = vol.has("secret");
                JsonNode src = secret ? vol.path("secret") : vol.path("configMap");
                String objName = secret
                        ? src.path("secretName").asText()
                        : src.path("name").asText();
                Map<String, String> data = data(Chart.get(objects, secret ? "Secret" : "ConfigMap", objName));
                ObjectNode files = Chart.JSON.createObjectNode();
                if (src.has("items")) {
                    src.path("items")
                            .forEach(i -> files.put(
                                    i.path("path").asText(),
                                    required(
                                            data,
                                            Chart.JSON
                                                    .createObjectNode()
                                                    .put("name", objName)
                                                    .put("key", i.path("key").asText()))));
                } else {
                    data.forEach(files::put);
                }
                if (vm.has("subPath")) {
                    String sub = vm.path("subPath").asText();
                    if (!files.has(sub)) {
                        throw new AssertionError("subPath " + sub + " not in " + objName);
                    }
                    m.put("type", "file");
                    m.put("content", files.path(sub).asText());
                } else {
                    m.put("type", "files");
                    m.set("files", files);
                }
            } else if (vol.has("persistentVolumeClaim")) {
                m.put("type", "volume");
                m.put(
                        "volume",
                        vol.path("persistentVolumeClaim").path("claimName").asText());
            } else {
                throw new AssertionError("volume type of " + vname + " not supported by the container stack: " + vol);
            }
        }
        JsonNode probe = c.has("readinessProbe") ? c.path("readinessProbe") : c.path("startupProbe");
        ObjectNode pr = o.putObject("probe");
        if (probe.has("httpGet")) {
            pr.put("type", "http");
            pr.put("port", port(c, probe.path("httpGet").path("port")));
            pr.put("path", probe.path("httpGet").path("path").asText());
        } else if (probe.has("tcpSocket")) {
            pr.put("type", "tcp");
            pr.put("port", port(c, probe.path("tcpSocket").path("port")));
        } else if (probe.has("exec")) {
            pr.put("type", "exec");
            ArrayNode cmd = pr.putArray("command");
            probe.path("exec").path("command").forEach(cmd::add);
        } else {
            pr.put("type", "none");
        }
        return o;
    }

    private static boolean isEmptyDir(JsonNode pod, String name) {
        for (JsonNode v : pod.path("volumes")) {
            if (v.path("name").asText().equals(name)) {
                return v.has("emptyDir");
            }
        }
        return false;
    }

    /** A Kubernetes memory quantity as podman's --memory (Mi -> m, Gi -> g); "" stays "". */
    static String quantity(String q) {
        if (q.isEmpty()) {
            return "";
        }
        Matcher m = Pattern.compile("^(\\d+)(Ki|Mi|Gi|k|M|G)?$").matcher(q);
        if (!m.matches()) {
            throw new AssertionError("memory quantity " + q + " not supported by the container stack");
        }
        String unit = m.group(2) == null
                ? "b"
                : switch (m.group(2)) {
                    case "Ki", "k" -> "k";
                    case "Mi", "M" -> "m";
                    default -> "g";
                };
        return m.group(1) + unit;
    }

    /** A Kubernetes CPU quantity as podman's --cpus ("250m" -> "0.25", "2" -> "2"). */
    static String cpus(String q) {
        if (q.isEmpty()) {
            return "";
        }
        if (q.endsWith("m")) {
            return new java.math.BigDecimal(q.substring(0, q.length() - 1))
                    .movePointLeft(3)
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return new java.math.BigDecimal(q).stripTrailingZeros().toPlainString();
    }

    private static int port(JsonNode c, JsonNode ref) {
        if (ref.isInt() || ref.asText().matches("\\d+")) {
            return ref.asInt(Integer.parseInt(ref.asText("0")));
        }
        for (JsonNode p : c.path("ports")) {
            if (p.path("name").asText().equals(ref.asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError(
                "port " + ref + " not declared by " + c.path("name").asText());
    }

    private static String envValue(JsonNode e, List<JsonNode> objects) {
        if (e.has("value")) {
            return e.path("value").asText();
        }
        JsonNode from = e.path("valueFrom");
        if (from.has("secretKeyRef")) {
            JsonNode ref = from.path("secretKeyRef");
            return required(data(Chart.get(objects, "Secret", ref.path("name").asText())), ref);
        }
        if (from.has("configMapKeyRef")) {
            JsonNode ref = from.path("configMapKeyRef");
            return required(
                    data(Chart.get(objects, "ConfigMap", ref.path("name").asText())), ref);
        }
        throw new AssertionError("env " + e.path("name").asText() + " not supported by the container stack: " + e);
    }

    private static String required(Map<String, String> data, JsonNode ref) {
        String v = data.get(ref.path("key").asText());
        if (v == null) {
            throw new AssertionError("no key " + ref.path("key").asText() + " in "
                    + ref.path("name").asText());
        }
        return v;
    }

    static Map<String, String> data(JsonNode obj) {
        if (obj == null) {
            throw new AssertionError("object not rendered");
        }
        Map<String, String> out = new TreeMap<>();
        obj.path("data")
                .fields()
                .forEachRemaining(f -> out.put(
                        f.getKey(),
                        "Secret".equals(obj.path("kind").asText())
                                ? new String(
                                        java.util.Base64.getDecoder()
                                                .decode(f.getValue().asText()),
                                        java.nio.charset.StandardCharsets.UTF_8)
                                : f.getValue().asText()));
        obj.path("stringData")
                .fields()
                .forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
        return out;
    }

    /** Kubernetes' $(VAR) expansion in command and args, from the container's own env. */
    static String expand(String s, Map<String, String> env) {
        Matcher m = K8S_VAR.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(v != null ? v : m.group()));
        }
        return m.appendTail(sb).toString();
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String json(ObjectNode stack) throws Exception {
        return Chart.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(stack) + "\n";
    }

    @Test
    void stackIsTheChartRenderedWithTheContainerValues() throws Exception {
        String expected = json(stack());
        if (Repo.REGENERATE) {
            Files.writeString(STACK, expected);
        }
        assertTrue(Files.exists(STACK), STACK + " missing; run with -Dmarket.regenerate=true");
        assertEquals(
                expected,
                Files.readString(STACK),
                STACK + " is out of date with the chart; run ./mvnw -B -f deploy/pom.xml test"
                        + " -Dmarket.regenerate=true");
    }

    @Test
    void everyPartOfTheMarketplaceRunsHardenedAsInTheChart() {
        ObjectNode stack = stack();
        List<String> names = new ArrayList<>();
        for (JsonNode p : stack.path("parts")) {
            names.add(p.path("name").asText());
            List<JsonNode> all = new ArrayList<>();
            p.path("initContainers").forEach(all::add);
            p.path("containers").forEach(all::add);
            for (JsonNode c : all) {
                String id = p.path("name").asText() + "/" + c.path("name").asText();
                assertFalse(
                        c.path("user").asText().isEmpty()
                                || c.path("user").asText().startsWith("0"),
                        id + " runs as root");
                assertTrue(c.path("readOnlyRootFilesystem").asBoolean(), id + " has a writable root");
                assertTrue(c.path("dropCapabilities").toString().contains("ALL"), id + " keeps capabilities");
                assertFalse(c.path("allowPrivilegeEscalation").asBoolean(), id + " may escalate");
                assertFalse(c.path("memoryLimit").asText().isEmpty(), id + " has no memory limit");
                if (p.path("containers").toString().contains(c.toString())) {
                    assertFalse("none".equals(c.path("probe").path("type").asText()), id + " has no probe");
                }
                assertTrue(
                        c.path("image").asText().startsWith("localhost/ddangn-market/"),
                        id + " uses an image the project builds: "
                                + c.path("image").asText());
            }
        }
        assertEquals(ORDER, names);
        // two chat replicas, as the process stack runs
        assertEquals(
                2,
                stack.path("parts").get(ORDER.indexOf("chat")).path("replicas").asInt());
    }

    @Test
    void quantitiesBecomePodmanLimits() {
        assertEquals("768m", quantity("768Mi"));
        assertEquals("1g", quantity("1Gi"));
        assertEquals("0.25", cpus("250m"));
        assertEquals("1", cpus("1"));
        assertEquals("1.5", cpus("1500m"));
    }

    @Test
    void servicesGetTheirConfigMapAndSecretAsAConfigFile() {
        ObjectNode stack = stack();
        JsonNode product = stack.path("parts")
                .get(ORDER.indexOf("product"))
                .path("containers")
                .get(0);
        String props = "";
        for (JsonNode m : product.path("mounts")) {
            if (m.path("path").asText().equals("/deployments/config")) {
                props = m.path("files").path("application.properties").asText();
            }
        }
        assertTrue(props.contains("quarkus.datasource.jdbc.url=jdbc:postgresql://postgresql:5432/product"), props);
        assertTrue(props.contains("quarkus.oidc.auth-server-url=http://keycloak:8080/auth/realms/market"), props);
        assertTrue(props.contains("quarkus.datasource.password=@secret:postgres@"), props);
        assertEquals(
                "false",
                product.path("env").path("QUARKUS_KUBERNETES_CONFIG_ENABLED").asText());
    }
}
