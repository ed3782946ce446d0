package market.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * k8s/: the kustomize base is rendered from the chart (one source), the operator realm import from the realm JSON;
 * both are checked for drift. The overlays are built with the kustomize embedded in kubectl and validated like the
 * chart's output; the operator CRs are validated against the operators' CRD schemas.
 */
class K8sManifestsTest {
    static final Path BASE = Repo.K8S.resolve("base/ddangn-market.yaml");
    static final Path REALM_IMPORT = Repo.K8S.resolve("operators/keycloak-realm-import.yaml");
    static final String GENERATED = "# GENERATED from %s by deploy/src/test/java/market/deploy/K8sManifestsTest.java;\n"
            + "# do not edit. Regenerate: ./mvnw -B -f deploy/pom.xml test -Dmarket.regenerate=true\n";

    /** The chart rendered with k8s/chart-values.yaml, without Helm's own bookkeeping labels. */
    static List<JsonNode> renderBase() {
        // "default": kustomize's namespace transformer moves RoleBinding subjects only from default/empty
        String yaml = Chart.template(Repo.K8S.resolve("chart-values.yaml").toString(), Map.of(), "default");
        List<JsonNode> objects = Chart.parseAll(yaml);
        objects.forEach(K8sManifestsTest::stripHelmLabels);
        return objects;
    }

    private static void stripHelmLabels(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.get("labels") instanceof ObjectNode labels) {
                labels.remove("helm.sh/chart");
                labels.remove("app.kubernetes.io/managed-by");
            }
            o.elements().forEachRemaining(K8sManifestsTest::stripHelmLabels);
        } else if (node != null && node.isArray()) {
            node.forEach(K8sManifestsTest::stripHelmLabels);
        }
    }

    static String toYaml(List<JsonNode> objects) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (JsonNode o : objects) {
            sb.append(Chart.YAML.writeValueAsString(o));
        }
        return sb.toString();
    }

    /** The operator realm import: the chart's production realm, client secrets taken from the services' Secrets. */
    static JsonNode realmImport() throws Exception {
        Map<String, Object> sets = new LinkedHashMap<>();
        sets.put("keycloak.enabled", "true");
        sets.put("postgresql.external.host", "keycloak-db-rw");
        List<JsonNode> objects = Chart.parseAll(
                Chart.template(Repo.K8S.resolve("chart-values.yaml").toString(), sets));
        ObjectNode realm = (ObjectNode) Chart.JSON.readTree(Chart.get(objects, "Secret", "keycloak-realm")
                .path("stringData")
                .path("market-realm.json")
                .asText());
        for (JsonNode c : realm.path("clients")) {
            switch (c.path("clientId").asText()) {
                case "product-service" -> ((ObjectNode) c).put("secret", "${PRODUCT_SERVICE_SECRET}");
                case "chat-service" -> ((ObjectNode) c).put("secret", "${CHAT_SERVICE_SECRET}");
                default -> {}
            }
        }
        ObjectNode cr = Chart.JSON.createObjectNode();
        cr.put("apiVersion", "k8s.keycloak.org/v2alpha1");
        cr.put("kind", "KeycloakRealmImport");
        cr.putObject("metadata")
                .put("name", "market")
                .putObject("labels")
                .put("app.kubernetes.io/part-of", "ddangn-market");
        ObjectNode spec = cr.putObject("spec");
        spec.put("keycloakCRName", "keycloak");
        ObjectNode ph = spec.putObject("placeholders");
        ph.putObject("PRODUCT_SERVICE_SECRET")
                .putObject("secret")
                .put("name", "product-secrets")
                .put("key", "quarkus.oidc-client.credentials.secret");
        ph.putObject("CHAT_SERVICE_SECRET")
                .putObject("secret")
                .put("name", "chat-secrets")
                .put("key", "quarkus.oidc-client.credentials.secret");
        spec.set("realm", realm);
        return cr;
    }

    private static void checkGenerated(Path file, String source, List<JsonNode> expected) throws Exception {
        if (Repo.REGENERATE) {
            Files.writeString(file, String.format(GENERATED, source) + toYaml(expected));
        }
        assertTrue(Files.exists(file), file + " missing; run with -Dmarket.regenerate=true");
        List<JsonNode> actual = Chart.parseAll(Files.readString(file));
        List<String> drift = new ArrayList<>();
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            JsonNode e = i < expected.size() ? expected.get(i) : null;
            JsonNode a = i < actual.size() ? actual.get(i) : null;
            if (e == null || !e.equals(a)) {
                drift.add(e != null ? Chart.id(e) : "extra " + Chart.id(a));
            }
        }
        assertTrue(
                drift.isEmpty(),
                file + " is out of date with " + source + " (" + drift
                        + "); run ./mvnw -B -f deploy/pom.xml test -Dmarket.regenerate=true");
    }

    @Test
    void baseIsTheChartRenderedWithK8sChartValues() throws Exception {
        checkGenerated(BASE, "helm/ddangn-market + k8s/chart-values.yaml", renderBase());
    }

    @Test
    void realmImportIsTheChartsProductionRealm() throws Exception {
        checkGenerated(
                REALM_IMPORT,
                "local/keycloak/market-realm.json (through the chart's realm template)",
                List.of(realmImport()));
        JsonNode realm = realmImport().path("spec").path("realm");
        List<String> users = new ArrayList<>();
        realm.path("users").forEach(u -> users.add(u.path("username").asText()));
        assertFalse(
                users.contains("alice") || users.contains("bob") || users.contains("admin"), "no demo users: " + users);
        realm.path("clients")
                .forEach(c -> assertFalse(c.path("clientId").asText().equals("market-test")));
    }

    @Test
    void operatorCustomResourcesValidateAgainstTheOperatorsCrds() throws Exception {
        List<String> problems = new ArrayList<>();
        List<JsonNode> all = new ArrayList<>();
        for (String f : List.of(
                "postgres-clusters.yaml", "keycloak.yaml", "keycloak-realm-import.yaml", "networkpolicies.yaml")) {
            List<JsonNode> objects = Chart.parseAll(
                    Files.readString(Repo.K8S.resolve("operators").resolve(f)));
            all.addAll(objects);
            objects.forEach(o -> problems.addAll(Schemas.validate(o)));
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        // one CNPG cluster per database, wired to what the base hands the services
        JsonNode values =
                Chart.YAML.readTree(Repo.K8S.resolve("chart-values.yaml").toFile());
        Set<String> databases = new TreeSet<>();
        for (JsonNode cluster : Chart.ofKind(all, "Cluster")) {
            String name = cluster.path("metadata").path("name").asText();
            String db = cluster.path("spec")
                    .path("bootstrap")
                    .path("initdb")
                    .path("database")
                    .asText();
            databases.add(db);
            assertEquals(db + "-db", name);
            assertEquals(
                    "C.UTF-8",
                    cluster.path("spec")
                            .path("bootstrap")
                            .path("initdb")
                            .path("localeCType")
                            .asText());
            if (!db.equals("keycloak")) {
                assertEquals(
                        name + "-rw",
                        values.path(db).path("database").path("host").asText());
                assertEquals(
                        name + "-app",
                        values.path(db).path("database").path("existingSecret").asText());
            }
        }
        assertEquals(new TreeSet<>(List.of("product", "chat", "notify", "keycloak")), databases);
        JsonNode kc = Chart.get(all, "Keycloak", "keycloak").path("spec");
        assertEquals("keycloak-db-rw", kc.path("db").path("host").asText());
        assertEquals(
                values.path("publicUrl").asText() + "/auth",
                kc.path("hostname").path("hostname").asText());
        assertEquals(
                "keycloak-service",
                values.path("keycloak").path("external").path("serviceName").asText());
        assertEquals(
                values.path("keycloak").path("external").path("servicePort").asInt(),
                kc.path("http").path("httpPort").asInt());
        boolean relativePath = false;
        for (JsonNode o : kc.path("additionalOptions")) {
            relativePath |= o.path("name").asText().equals("http-relative-path")
                    && o.path("value").asText().equals("/auth");
        }
        assertTrue(relativePath, "Keycloak must serve under /auth like the local stack and the chart");
    }

    /**
     * The operator path under the chart's default-deny: every connection the operators' pods need, and nothing
     * else, evaluated port by port on the dev overlay (CIDR rules never match a pod, as on Cilium). Pods the
     * operators create are modelled with the labels the operators give them: Keycloak instances (app: keycloak,
     * app.kubernetes.io/managed-by: keycloak-operator), the KeycloakRealmImport Job (app: keycloak-realm-import), the
     * Keycloak Operator (app.kubernetes.io/name: keycloak-operator, installed in the same namespace), CNPG instances
     * (cnpg.io/cluster) and the CNPG operator in cnpg-system (app.kubernetes.io/name: cloudnative-pg).
     */
    @Test
    void operatorPodsGetExactlyTheConnectionsTheyNeed() throws Exception {
        assumeTrue(kubectlAvailable(), "kubectl (with its embedded kustomize) is not installed: overlays not built");
        String ns = "market-dev";
        List<JsonNode> objects = kustomize("dev");
        List<NetworkPolicies.Endpoint> endpoints = NetworkPolicies.workloadPods(objects, ns);
        Map<String, String> kc = Map.of(
                "app",
                "keycloak",
                "app.kubernetes.io/managed-by",
                "keycloak-operator",
                "app.kubernetes.io/instance",
                "keycloak");
        endpoints.add(NetworkPolicies.pod("keycloak-0", ns, kc, 8080, 9000, 7800, 57800));
        endpoints.add(NetworkPolicies.pod("keycloak-1", ns, kc, 8080, 9000, 7800, 57800));
        endpoints.add(NetworkPolicies.pod(
                "realm-import",
                ns,
                Map.of(
                        "app",
                        "keycloak-realm-import",
                        "app.kubernetes.io/managed-by",
                        "keycloak-operator",
                        "app.kubernetes.io/instance",
                        "keycloak")));
        endpoints.add(
                NetworkPolicies.pod("keycloak-operator", ns, Map.of("app.kubernetes.io/name", "keycloak-operator")));
        List<String> dbPods = List.of("product-db-1", "product-db-2", "chat-db-1", "notify-db-1", "keycloak-db-1");
        for (String db : dbPods) {
            endpoints.add(NetworkPolicies.pod(
                    db,
                    ns,
                    Map.of("cnpg.io/cluster", db.substring(0, db.lastIndexOf('-')), "cnpg.io/podRole", "instance"),
                    5432,
                    8000));
        }
        endpoints.add(NetworkPolicies.pod(
                "cnpg-operator", "cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg")));
        endpoints.add(NetworkPolicies.pod(
                NetworkPolicies.CONTROLLER, "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx")));
        endpoints.add(HelmChartTest.PROMETHEUS);
        endpoints.add(HelmChartTest.API_SERVER);

        Set<String> expected = new TreeSet<>();
        // the application, as in the chart, with the operator-managed databases and Keycloak
        for (String svc : List.of("product", "chat", "notify")) {
            expected.addAll(List.of(
                    "ingress-controller->" + svc + ":8080",
                    "prometheus->" + svc + ":8080",
                    svc + "->api-server:443",
                    svc + "->api-server:6443",
                    svc + "->keycloak-0:8080",
                    svc + "->keycloak-1:8080"));
        }
        expected.addAll(List.of(
                "ingress-controller->frontend:8080",
                "ingress-controller->keycloak-0:8080",
                "ingress-controller->keycloak-1:8080",
                "chat->product:8080",
                "product->chat:8080",
                "product->notify:8080",
                "chat->notify:8080",
                "product->redis:6379",
                "chat->redis:6379",
                "product->s3:9090",
                "chat->s3:9090",
                "product->product-db-1:5432",
                "product->product-db-2:5432",
                "chat->chat-db-1:5432",
                "notify->notify-db-1:5432"));
        // Keycloak: metrics for Prometheus, its database, the Infinispan cluster between the instances
        for (String[] pair : new String[][] {{"keycloak-0", "keycloak-1"}, {"keycloak-1", "keycloak-0"}}) {
            expected.addAll(List.of(
                    pair[0] + "->" + pair[1] + ":7800",
                    pair[0] + "->" + pair[1] + ":57800",
                    pair[0] + "->keycloak-db-1:5432",
                    "prometheus->" + pair[0] + ":9000"));
        }
        // the realm import Job reaches Keycloak's database; the Keycloak Operator reaches the API server
        expected.addAll(List.of(
                "realm-import->keycloak-db-1:5432",
                "keycloak-operator->api-server:443",
                "keycloak-operator->api-server:6443"));
        // CNPG: the operator reaches every instance (status on 8000, PostgreSQL), instances replicate within their
        // cluster, the instance manager talks to the API server
        for (String db : dbPods) {
            expected.addAll(List.of(
                    "cnpg-operator->" + db + ":8000",
                    "cnpg-operator->" + db + ":5432",
                    db + "->api-server:443",
                    db + "->api-server:6443"));
        }
        expected.addAll(List.of(
                "product-db-1->product-db-2:5432",
                "product-db-1->product-db-2:8000",
                "product-db-2->product-db-1:5432",
                "product-db-2->product-db-1:8000"));

        assertEquals(expected, NetworkPolicies.edges(objects, ns, endpoints));
    }

    static boolean kubectlAvailable() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client")
                    .redirectErrorStream(true)
                    .start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static List<JsonNode> kustomize(String overlay) throws Exception {
        Path out = Files.createTempFile("kustomize-" + overlay, ".yaml");
        Path err = Files.createTempFile("kustomize-" + overlay, ".err");
        Process p = new ProcessBuilder(
                        "kubectl",
                        "kustomize",
                        Repo.K8S.resolve("overlays").resolve(overlay).toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "kubectl kustomize timed out");
        assertEquals(0, p.exitValue(), () -> "kubectl kustomize " + overlay + " failed: " + readQuietly(err));
        return Chart.parseAll(Files.readString(out, StandardCharsets.UTF_8));
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayBuildsAndEveryObjectValidates(String overlay) throws Exception {
        assumeTrue(kubectlAvailable(), "kubectl (with its embedded kustomize) is not installed: overlays not built");
        List<JsonNode> objects = kustomize(overlay);
        String namespace = overlay.equals("dev") ? "market-dev" : "market";
        List<String> problems = new ArrayList<>();
        for (JsonNode o : objects) {
            problems.addAll(Schemas.validate(o));
            if (!namespace.equals(o.path("metadata").path("namespace").asText())) {
                problems.add(Chart.id(o) + ": not in namespace " + namespace);
            }
        }
        problems.addAll(Workloads.check(objects));
        for (JsonNode rb : Chart.ofKind(objects, "RoleBinding")) {
            rb.path("subjects").forEach(s -> {
                if (!namespace.equals(s.path("namespace").asText())) {
                    problems.add(Chart.id(rb) + ": subject in namespace "
                            + s.path("namespace").asText());
                }
            });
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));

        int replicas = overlay.equals("dev") ? 1 : 3;
        String image =
                overlay.equals("dev") ? "ghcr.io/ddangn-market/%s:dev" : "registry.example.com/ddangn-market/%s:0.1.0";
        for (String name : List.of("product", "chat", "notify", "frontend")) {
            JsonNode d = Chart.get(objects, "Deployment", name);
            if (name.equals("frontend")) {
                assertEquals(replicas, d.path("spec").path("replicas").asInt(), name + " replicas");
            } else {
                // scaled by its HPA only: a replicas field (e.g. from kustomize's replicas transformer) would reset the
                // HPA's scale at every apply
                assertTrue(
                        d.path("spec").path("replicas").isMissingNode(), name + ": no replicas field next to an HPA");
                JsonNode hpa =
                        Chart.get(objects, "HorizontalPodAutoscaler", name).path("spec");
                assertEquals(replicas, hpa.path("minReplicas").asInt(), name + " HPA minReplicas");
                assertTrue(hpa.path("maxReplicas").asInt() > replicas, name + " HPA maxReplicas");
            }
            assertEquals(
                    String.format(image, name),
                    d.path("spec")
                            .path("template")
                            .path("spec")
                            .path("containers")
                            .get(0)
                            .path("image")
                            .asText());
        }
        JsonNode keycloak = Chart.get(objects, "Keycloak", "keycloak").path("spec");
        assertEquals(
                String.format(image, "keycloak"),
                keycloak.path("image").asText(),
                "the project's Keycloak image, same tag scheme");
        assertTrue(keycloak.path("startOptimized").asBoolean(), "the image is pre-built: no rebuild at start");
        Set<String> kinds = new TreeSet<>();
        objects.forEach(o -> kinds.add(o.path("kind").asText()));
        assertTrue(
                kinds.containsAll(Set.of("Cluster", "Keycloak", "KeycloakRealmImport", "Ingress", "NetworkPolicy")),
                kinds.toString());
        if (overlay.equals("prod")) {
            assertTrue(
                    objects.stream()
                            .noneMatch(o -> Set.of("StatefulSet/redis", "StatefulSet/s3", "Secret/product-secrets")
                                    .contains(Chart.id(o))),
                    "prod must not deploy the trial Redis/S3 nor trial credentials");
            for (String service : List.of("chat", "product")) {
                assertEquals(
                        "rediss://redis.cache.example.internal:6380",
                        Chart.get(objects, "ConfigMap", service + "-config")
                                .path("data")
                                .path("quarkus.redis.hosts")
                                .asText());
            }
            assertEquals(
                    "market-tls",
                    Chart.get(objects, "Ingress", "market")
                            .path("spec")
                            .path("tls")
                            .get(0)
                            .path("secretName")
                            .asText());
        } else {
            Chart.get(objects, "StatefulSet", "redis");
            assertEquals(
                    "market.localtest.me",
                    Chart.get(objects, "Ingress", "market-websocket")
                            .path("spec")
                            .path("rules")
                            .get(0)
                            .path("host")
                            .asText());
            JsonNode web = Chart.get(objects, "KeycloakRealmImport", "market")
                    .path("spec")
                    .path("realm")
                    .path("clients")
                    .get(0);
            assertEquals("market-web", web.path("clientId").asText());
            assertTrue(web.path("redirectUris").toString().contains("http://market.localtest.me/*"));
            assertEquals("http://market.localtest.me", web.path("rootUrl").asText());
            for (JsonNode c : Chart.ofKind(objects, "Cluster")) {
                assertEquals(1, c.path("spec").path("instances").asInt());
            }
        }
    }
}
