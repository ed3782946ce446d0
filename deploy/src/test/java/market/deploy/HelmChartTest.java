package market.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** helm lint --strict and helm template of the chart for each example values file, and what must hold in the output. */
class HelmChartTest {

    @ParameterizedTest
    @ValueSource(strings = {"default", "trial", "production", "external"})
    void lintStrictIsClean(String valueSet, @TempDir Path work) throws Exception {
        LintResult result = Chart.lint(valueSet, work);
        List<String> problems = result.getMessages().stream()
                .filter(m -> m.contains("[WARNING]") || m.contains("[ERROR]"))
                .toList();
        assertFalse(result.isFailed(), () -> "helm lint --strict failed: " + result.getMessages());
        assertTrue(problems.isEmpty(), () -> "lint findings: " + problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "trial", "production", "external"})
    void everyRenderedObjectValidatesAgainstKubernetesSchemaAndFabric8Model(String valueSet) {
        List<JsonNode> objects = Chart.render(valueSet);
        assertTrue(objects.size() > 20, "rendered only " + objects.size() + " objects");
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode o : objects) {
            problems.addAll(Schemas.validate(o));
            if (!ids.add(Chart.id(o))) {
                problems.add("rendered twice: " + Chart.id(o));
            }
            if (!"ddangn-market"
                    .equals(o.path("metadata")
                            .path("labels")
                            .path("app.kubernetes.io/part-of")
                            .asText())) {
                problems.add(Chart.id(o) + ": missing label app.kubernetes.io/part-of=ddangn-market");
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "trial", "production", "external"})
    void everyContainerHasResourcesProbesAndLockedDownSecurityContext(String valueSet) {
        List<String> problems = Workloads.check(Chart.render(valueSet));
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "trial", "production", "external"})
    void servicesAreProbedWhereQuarkusServesAndReadTheirOwnConfig(String valueSet) {
        List<JsonNode> objects = Chart.render(valueSet);
        for (String name : List.of("product", "chat", "notify")) {
            JsonNode deployment = Chart.get(objects, "Deployment", name);
            JsonNode spec = deployment.path("spec");
            // the HPA owns the scale: a replicas field would reset it at every helm upgrade
            assertTrue(spec.path("replicas").isMissingNode(), name + ": no replicas field when the HPA manages it");
            assertEquals("RollingUpdate", spec.path("strategy").path("type").asText());
            assertEquals(
                    0,
                    spec.path("strategy")
                            .path("rollingUpdate")
                            .path("maxUnavailable")
                            .asInt(-1),
                    name + ": a rollout must not drop below the desired replicas");
            JsonNode pod = spec.path("template");
            JsonNode c = pod.path("spec").path("containers").get(0);
            Map<String, String> env = env(c);
            int httpPort = Integer.parseInt(env.get("QUARKUS_HTTP_PORT"));
            assertTrue(env.get("QUARKUS_PROFILE").contains("kubernetes"), name + " must run the kubernetes profile");
            assertEquals(
                    "/q/health/started",
                    c.path("startupProbe").path("httpGet").path("path").asText());
            assertEquals(
                    "/q/health/live",
                    c.path("livenessProbe").path("httpGet").path("path").asText());
            assertEquals(
                    "/q/health/ready",
                    c.path("readinessProbe").path("httpGet").path("path").asText());
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertEquals(
                        httpPort,
                        Workloads.resolvePort(c, c.path(probe).path("httpGet").path("port")),
                        name + " " + probe + " must hit the port Quarkus listens on");
            }
            JsonNode annotations = pod.path("metadata").path("annotations");
            assertEquals("true", annotations.path("prometheus.io/scrape").asText());
            assertEquals("/q/metrics", annotations.path("prometheus.io/path").asText());
            assertEquals(
                    String.valueOf(httpPort),
                    annotations.path("prometheus.io/port").asText());

            JsonNode service = Chart.get(objects, "Service", name);
            assertTrue(
                    Workloads.selects(
                            service.path("spec").path("selector"),
                            pod.path("metadata").path("labels")),
                    name + " Service must select its pods");
            assertEquals(
                    httpPort,
                    Workloads.resolvePort(
                            c, service.path("spec").path("ports").get(0).path("targetPort")));

            JsonNode hpa = Chart.get(objects, "HorizontalPodAutoscaler", name);
            assertEquals(
                    name, hpa.path("spec").path("scaleTargetRef").path("name").asText());
            assertTrue(hpa.path("spec").path("minReplicas").asInt() >= 2);
            JsonNode pdb = Chart.get(objects, "PodDisruptionBudget", name);
            assertTrue(Workloads.selects(
                    pdb.path("spec").path("selector").path("matchLabels"),
                    pod.path("metadata").path("labels")));

            // quarkus-kubernetes-config reads exactly these two objects with the pod's ServiceAccount
            String configMap = env.get("QUARKUS_KUBERNETES_CONFIG_CONFIG_MAPS");
            String secret = env.get("QUARKUS_KUBERNETES_CONFIG_SECRETS");
            assertEquals(name + "-config", configMap);
            assertNotNull(Chart.get(objects, "ConfigMap", configMap));
            String sa = pod.path("spec").path("serviceAccountName").asText();
            assertEquals(name, sa);
            Chart.get(objects, "ServiceAccount", sa);
            JsonNode binding = Chart.get(objects, "RoleBinding", name + "-config-reader");
            assertEquals(sa, binding.path("subjects").get(0).path("name").asText());
            JsonNode role = Chart.get(
                    objects, "Role", binding.path("roleRef").path("name").asText());
            Set<String> readable = new TreeSet<>();
            for (JsonNode rule : role.path("rules")) {
                Set<String> verbs = new HashSet<>();
                rule.path("verbs").forEach(v -> verbs.add(v.asText()));
                assertTrue(verbs.containsAll(Set.of("get", "list", "watch")), "config reader needs get/list/watch");
                rule.path("resources")
                        .forEach(r ->
                                rule.path("resourceNames").forEach(n -> readable.add(r.asText() + "/" + n.asText())));
            }
            assertEquals(
                    new TreeSet<>(Set.of("configmaps/" + configMap, "secrets/" + secret)),
                    readable,
                    name + " may read its own ConfigMap and Secret, nothing else");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "trial", "production", "external"})
    void everyReferencedSecretOrConfigMapIsRenderedOrDeclaredExisting(String valueSet) throws Exception {
        List<JsonNode> objects = Chart.render(valueSet);
        Set<String> existing = new HashSet<>();
        String file = Chart.VALUE_SETS.get(valueSet);
        if (!file.isEmpty()) {
            collectExistingSecrets(Chart.YAML.readTree(Repo.CHART.resolve(file).toFile()), existing);
        }
        List<String> problems = new ArrayList<>();
        for (JsonNode o : objects) {
            if (!Workloads.POD_OWNERS.contains(o.path("kind").asText())) {
                continue;
            }
            JsonNode pod = o.path("spec").path("template").path("spec");
            List<String[]> refs = new ArrayList<>();
            pod.path("volumes").forEach(v -> {
                if (v.has("secret"))
                    refs.add(new String[] {
                        "Secret", v.path("secret").path("secretName").asText()
                    });
                if (v.has("configMap"))
                    refs.add(new String[] {
                        "ConfigMap", v.path("configMap").path("name").asText()
                    });
            });
            pod.path("containers")
                    .forEach(c -> c.path("env").forEach(e -> {
                        JsonNode vf = e.path("valueFrom");
                        if (vf.has("secretKeyRef"))
                            refs.add(new String[] {
                                "Secret", vf.path("secretKeyRef").path("name").asText()
                            });
                        if (vf.has("configMapKeyRef"))
                            refs.add(new String[] {
                                "ConfigMap",
                                vf.path("configMapKeyRef").path("name").asText()
                            });
                        if ("QUARKUS_KUBERNETES_CONFIG_SECRETS"
                                .equals(e.path("name").asText()))
                            refs.add(new String[] {"Secret", e.path("value").asText()});
                    }));
            for (String[] ref : refs) {
                boolean rendered = objects.stream()
                        .anyMatch(x -> ref[0].equals(x.path("kind").asText())
                                && ref[1].equals(x.path("metadata").path("name").asText()));
                if (!rendered && !existing.contains(ref[1])) {
                    problems.add(Chart.id(o) + " references " + ref[0] + "/" + ref[1]
                            + ", neither rendered nor an existingSecret in values");
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    private static void collectExistingSecrets(JsonNode node, Set<String> out) {
        node.fields().forEachRemaining(e -> {
            if (e.getKey().equals("existingSecret") && !e.getValue().asText().isEmpty()) {
                out.add(e.getValue().asText());
            } else if (e.getValue().isObject()) {
                collectExistingSecrets(e.getValue(), out);
            }
        });
    }

    static final NetworkPolicies.Endpoint API_SERVER = NetworkPolicies.outside("api-server", "172.31.0.10", 443, 6443);
    static final NetworkPolicies.Endpoint PROMETHEUS =
            NetworkPolicies.pod("prometheus", "monitoring", Map.of("app.kubernetes.io/name", "prometheus"));

    /** Every allowed connection of the default install, port by port (CIDR rules match nothing inside the cluster). */
    @Test
    void networkPoliciesAllowOnlyTheCallsOfTheDesign() {
        List<JsonNode> objects = Chart.render("default");
        Chart.get(objects, "NetworkPolicy", "default-deny-all");
        TreeSet<String> edges = NetworkPolicies.allowedEdges(
                objects,
                Chart.NAMESPACE,
                "ingress-nginx",
                Map.of("app.kubernetes.io/name", "ingress-nginx"),
                API_SERVER,
                PROMETHEUS);
        TreeSet<String> expected = new TreeSet<>(List.of(
                "ingress-controller->frontend:8080",
                "ingress-controller->product:8080",
                "ingress-controller->chat:8080",
                "ingress-controller->notify:8080",
                "ingress-controller->keycloak:8080",
                "chat->product:8080",
                // a report of a chat message: product reads it from chat's /internal/messages/{id}
                "product->chat:8080",
                "product->notify:8080",
                "chat->notify:8080",
                "product->postgresql:5432",
                "chat->postgresql:5432",
                "notify->postgresql:5432",
                "keycloak->postgresql:5432",
                "chat->redis:6379",
                "product->redis:6379",
                "product->s3:9090",
                // chat photos: the same bucket, key prefix chat/
                "chat->s3:9090",
                "product->keycloak:8080",
                "chat->keycloak:8080",
                "notify->keycloak:8080",
                // Prometheus scrapes the services and Keycloak's management port, nothing else
                "prometheus->product:8080",
                "prometheus->chat:8080",
                "prometheus->notify:8080",
                "prometheus->keycloak:9000",
                // quarkus-kubernetes-config reads the ConfigMap/Secret through the API server
                "product->api-server:443",
                "product->api-server:6443",
                "chat->api-server:443",
                "chat->api-server:6443",
                "notify->api-server:443",
                "notify->api-server:6443"));
        assertEquals(expected, edges);
    }

    /** Two Keycloak replicas form an Infinispan cluster: JGroups 7800 and failure detection 57800 between them. */
    @Test
    void keycloakReplicasReachEachOtherOnTheJGroupsPorts() {
        List<JsonNode> objects = Chart.parseAll(Chart.template("default", Map.of("keycloak.replicas", 2)));
        JsonNode kc = Chart.get(objects, "StatefulSet", "keycloak");
        JsonNode labels = kc.path("spec").path("template").path("metadata").path("labels");
        Map<String, String> l = new java.util.HashMap<>();
        labels.fields().forEachRemaining(e -> l.put(e.getKey(), e.getValue().asText()));
        NetworkPolicies.Endpoint second =
                NetworkPolicies.pod("keycloak-1", Chart.NAMESPACE, l, 8080, 9000, 7800, 57800);
        TreeSet<String> edges = NetworkPolicies.allowedEdges(
                objects, Chart.NAMESPACE, "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"), second);
        for (String e : List.of(
                "keycloak->keycloak-1:7800",
                "keycloak->keycloak-1:57800",
                "keycloak-1->keycloak:7800",
                "keycloak-1->keycloak:57800")) {
            assertTrue(edges.contains(e), e + " missing: " + edges);
        }
        assertFalse(edges.contains("product->keycloak-1:7800"), "only Keycloak pods join the cluster");
        JsonNode c =
                kc.path("spec").path("template").path("spec").path("containers").get(0);
        assertEquals("ispn", env(c).get("KC_CACHE"));
        assertEquals("keycloak-headless", kc.path("spec").path("serviceName").asText());
        JsonNode headless = Chart.get(objects, "Service", "keycloak-headless").path("spec");
        assertEquals("None", headless.path("clusterIP").asText());
        assertTrue(headless.path("publishNotReadyAddresses").asBoolean());
        assertEquals(
                "keycloak",
                Chart.get(objects, "StatefulSet", "keycloak")
                        .path("spec")
                        .path("template")
                        .path("metadata")
                        .path("labels")
                        .path("app.kubernetes.io/name")
                        .asText());
        assertEquals(
                "local",
                env(Chart.get(Chart.render("default"), "StatefulSet", "keycloak")
                                .path("spec")
                                .path("template")
                                .path("spec")
                                .path("containers")
                                .get(0))
                        .get("KC_CACHE"),
                "one replica: local caches");
    }

    /**
     * In-cluster dependencies outside the release (CloudNativePG clusters, the operator's Keycloak) are reached
     * through pod selectors: with only the CIDR rules they would be unreachable on Cilium.
     */
    @Test
    void inClusterDependenciesAreSelectedByLabelsNotCidrs() {
        List<JsonNode> objects = new ArrayList<>(Chart.render("external"));
        // the databases' and Keycloak's own side is opened by their policies (k8s/operators); here only the
        // services' side is under test
        objects.add(Chart.parseAll("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: operator-managed-pods-accept-all}
                spec:
                  podSelector:
                    matchExpressions: [{key: app.kubernetes.io/name, operator: DoesNotExist}]
                  policyTypes: [Ingress]
                  ingress: [{}]
                """).get(0));
        NetworkPolicies.Endpoint productDb =
                NetworkPolicies.pod("product-db-1", Chart.NAMESPACE, Map.of("cnpg.io/cluster", "product-db"), 5432);
        NetworkPolicies.Endpoint chatDb =
                NetworkPolicies.pod("chat-db-1", Chart.NAMESPACE, Map.of("cnpg.io/cluster", "chat-db"), 5432);
        NetworkPolicies.Endpoint keycloak = NetworkPolicies.pod(
                "keycloak-0",
                Chart.NAMESPACE,
                Map.of("app", "keycloak", "app.kubernetes.io/managed-by", "keycloak-operator"),
                8080,
                9000);
        NetworkPolicies.Endpoint redis = NetworkPolicies.outside("redis.example.internal", "10.200.0.5", 6379);
        NetworkPolicies.Endpoint minio = NetworkPolicies.outside("minio.example.internal", "10.200.0.6", 443);
        TreeSet<String> edges = NetworkPolicies.allowedEdges(
                objects,
                Chart.NAMESPACE,
                "ingress-nginx",
                Map.of("app.kubernetes.io/name", "ingress-nginx"),
                productDb,
                chatDb,
                keycloak,
                redis,
                minio,
                API_SERVER);
        for (String e : List.of(
                "product->product-db-1:5432",
                "chat->chat-db-1:5432",
                "product->keycloak-0:8080",
                "chat->keycloak-0:8080",
                "notify->keycloak-0:8080",
                "product->redis.example.internal:6379",
                "chat->redis.example.internal:6379",
                "product->minio.example.internal:443",
                "product->api-server:443")) {
            assertTrue(edges.contains(e), e + " missing: " + edges);
        }
        for (String e : List.of(
                "product->chat-db-1:5432",
                "chat->product-db-1:5432",
                "product->keycloak-0:9000",
                "notify->redis.example.internal:6379")) {
            assertFalse(edges.contains(e), e + " must not be allowed");
        }
        // only the API server, external Redis and S3 are CIDR rules; no port of an in-cluster peer is
        for (String name : List.of("product", "chat", "notify")) {
            Set<Integer> cidrPorts = new TreeSet<>();
            for (JsonNode rule :
                    Chart.get(objects, "NetworkPolicy", name).path("spec").path("egress")) {
                if (rule.path("to").toString().contains("ipBlock")) {
                    rule.path("ports").forEach(p -> cidrPorts.add(p.path("port").asInt()));
                }
            }
            Set<Integer> expected = new TreeSet<>(Set.of(443, 6443));
            if (!name.equals("notify")) expected.add(6379);
            assertEquals(expected, cidrPorts, name + " CIDR ports");
        }
    }

    /** Without an HPA the Deployment keeps its replicas; with one, only the HPA scales it. */
    @Test
    void replicasAreSetOnlyWhereNoHpaScales() {
        List<JsonNode> objects = Chart.parseAll(
                Chart.template("default", Map.of("product.autoscaling.enabled", "false", "product.replicas", "3")));
        assertEquals(
                3,
                Chart.get(objects, "Deployment", "product")
                        .path("spec")
                        .path("replicas")
                        .asInt());
        assertTrue(Chart.ofKind(objects, "HorizontalPodAutoscaler").stream()
                .noneMatch(h -> Chart.id(h).equals("HorizontalPodAutoscaler/product")));
        assertTrue(Chart.get(objects, "Deployment", "chat")
                .path("spec")
                .path("replicas")
                .isMissingNode());
        Chart.get(objects, "HorizontalPodAutoscaler", "chat");
    }

    @Test
    void productAndChatShareRedisForRateLimits() {
        List<JsonNode> objects = Chart.render("default");
        for (String service : List.of("product", "chat")) {
            assertEquals(
                    "redis://redis:6379",
                    Chart.get(objects, "ConfigMap", service + "-config")
                            .path("data")
                            .path("quarkus.redis.hosts")
                            .asText(),
                    service);
            assertEquals(
                    "change-me-redis",
                    Chart.get(objects, "Secret", service + "-secrets")
                            .path("stringData")
                            .path("quarkus.redis.password")
                            .asText(),
                    service);
        }
    }

    @Test
    void productionValuesBundleOnlyKeycloakAndMountFcmCredentials() {
        List<JsonNode> objects = Chart.render("production");
        Set<String> statefulSets = new TreeSet<>();
        Chart.ofKind(objects, "StatefulSet")
                .forEach(s -> statefulSets.add(s.path("metadata").path("name").asText()));
        assertEquals(Set.of("keycloak"), statefulSets);
        JsonNode notify = Chart.get(objects, "Deployment", "notify");
        JsonNode fcmVolume = null;
        for (JsonNode v : notify.path("spec").path("template").path("spec").path("volumes")) {
            if (v.has("secret")) fcmVolume = v;
        }
        assertNotNull(fcmVolume, "notify must mount the FCM service-account Secret");
        assertEquals("market-fcm", fcmVolume.path("secret").path("secretName").asText());
        JsonNode config = Chart.get(objects, "ConfigMap", "notify-config").path("data");
        assertEquals(
                "/var/run/secrets/fcm/service-account.json",
                config.path("market.notify.fcm.credentials-file").asText());
        // no credentials in rendered objects: every service Secret is an existingSecret
        assertTrue(Chart.ofKind(objects, "Secret").stream().map(Chart::id).noneMatch(id -> id.endsWith("-secrets")));
    }

    @Test
    void bundledPostgresCreatesOneDatabasePerServiceAndKeycloakWithAUtf8Locale() {
        List<JsonNode> objects = Chart.render("default");
        String sql = Chart.get(objects, "ConfigMap", "postgresql-init")
                .path("data")
                .path("10-databases.sql")
                .asText();
        JsonNode pg = Chart.get(objects, "StatefulSet", "postgresql")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        Map<String, String> env = env(pg);
        assertEquals("product", env.get("POSTGRES_DB"));
        for (String db : List.of("chat", "notify", "keycloak")) {
            assertTrue(sql.contains("CREATE DATABASE \"" + db + "\""), "missing database " + db + " in " + sql);
        }
        assertTrue(env.get("POSTGRES_INITDB_ARGS").contains("C.UTF-8"), "Hangul search needs a UTF-8 ctype");
        for (String svc : List.of("product", "chat", "notify")) {
            assertEquals(
                    "jdbc:postgresql://postgresql:5432/" + svc,
                    Chart.get(objects, "ConfigMap", svc + "-config")
                            .path("data")
                            .path("quarkus.datasource.jdbc.url")
                            .asText());
        }
    }

    /**
     * The bundled S3 store is private like S3: it checks AWS signatures against the very key product signs with
     * (one Secret), allows no anonymous access, and its bucket exists before it starts.
     */
    @Test
    void bundledS3StoreChecksTheKeyProductSignsWith() {
        List<JsonNode> objects = Chart.render("default");
        JsonNode pod = Chart.get(objects, "StatefulSet", "s3")
                .path("spec")
                .path("template")
                .path("spec");
        JsonNode store = pod.path("containers").get(0);
        Map<String, String> env = env(store);
        assertEquals("aws-v2-or-v4", env.get("S3PROXY_AUTHORIZATION"));
        assertEquals("filesystem", env.get("JCLOUDS_PROVIDER"));
        assertEquals("/data", env.get("JCLOUDS_FILESYSTEM_BASEDIR"));
        assertEquals("http://0.0.0.0:9090", env.get("S3PROXY_ENDPOINT"));
        JsonNode secret = Chart.get(objects, "Secret", "s3-credentials").path("stringData");
        JsonNode product = Chart.get(objects, "Secret", "product-secrets").path("stringData");
        assertEquals(secretRef(store, "S3PROXY_IDENTITY"), "s3-credentials/access-key-id");
        assertEquals(secretRef(store, "S3PROXY_CREDENTIAL"), "s3-credentials/secret-access-key");
        assertEquals(
                product.path("quarkus.s3.aws.credentials.static-provider.access-key-id")
                        .asText(),
                secret.path("access-key-id").asText());
        assertEquals(
                product.path("quarkus.s3.aws.credentials.static-provider.secret-access-key")
                        .asText(),
                secret.path("secret-access-key").asText());
        String bucket = Chart.get(objects, "ConfigMap", "product-config")
                .path("data")
                .path("market.images.bucket")
                .asText();
        assertTrue(pod.path("initContainers").get(0).path("command").toString().contains("mkdir -p /data/" + bucket));
        // chat keeps its photos in the same bucket with the same key and store settings
        JsonNode chat = Chart.get(objects, "Secret", "chat-secrets").path("stringData");
        for (String key : List.of(
                "quarkus.s3.aws.credentials.static-provider.access-key-id",
                "quarkus.s3.aws.credentials.static-provider.secret-access-key")) {
            assertEquals(product.path(key).asText(), chat.path(key).asText(), key);
        }
        JsonNode productConfig =
                Chart.get(objects, "ConfigMap", "product-config").path("data");
        JsonNode chatConfig = Chart.get(objects, "ConfigMap", "chat-config").path("data");
        assertEquals(bucket, chatConfig.path("market.chat.bucket").asText());
        for (String key :
                List.of("quarkus.s3.endpoint-override", "quarkus.s3.path-style-access", "quarkus.s3.aws.region")) {
            assertEquals(productConfig.path(key).asText(), chatConfig.path(key).asText(), key);
            assertFalse(chatConfig.path(key).asText().isEmpty(), key);
        }

        List<JsonNode> external = Chart.parseAll(Chart.template("default", Map.of("s3.existingSecret", "my-s3")));
        JsonNode withExisting = Chart.get(external, "StatefulSet", "s3")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        assertEquals("my-s3/access-key-id", secretRef(withExisting, "S3PROXY_IDENTITY"));
        for (String svc : List.of("product", "chat")) {
            JsonNode container = Chart.get(external, "Deployment", svc)
                    .path("spec")
                    .path("template")
                    .path("spec")
                    .path("containers")
                    .get(0);
            assertEquals(
                    "my-s3/access-key-id",
                    secretRef(container, "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID"));
            assertEquals(
                    "my-s3/secret-access-key",
                    secretRef(container, "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY"));
            assertTrue(Chart.get(external, "Secret", svc + "-secrets")
                    .path("stringData")
                    .path("quarkus.s3.aws.credentials.static-provider.access-key-id")
                    .isMissingNode());
        }
        assertTrue(Chart.ofKind(external, "Secret").stream()
                .map(Chart::id)
                .noneMatch(id -> id.endsWith("s3-credentials")));
    }

    private static String secretRef(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                return ref.path("name").asText() + "/" + ref.path("key").asText();
            }
        }
        return null;
    }

    /**
     * The application's own keys (market.*) that the chart writes into a ConfigMap or Secret must be properties the
     * service declares in its application.properties: a ConfigMap key is matched exactly, so a renamed property
     * would silently keep its local default in Kubernetes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"default", "production", "external"})
    void configKeysAreTheServicesOwnPropertyNames(String valueSet) throws Exception {
        List<JsonNode> objects = Chart.render(valueSet);
        List<String> problems = new ArrayList<>();
        for (String name : List.of("product", "chat", "notify")) {
            Set<String> declared = new HashSet<>();
            for (String line : java.nio.file.Files.readAllLines(
                    Repo.ROOT.resolve(name).resolve("src/main/resources/application.properties"))) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#") || !l.contains("=")) continue;
                String key = l.substring(0, l.indexOf('=')).strip();
                declared.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
            }
            List<JsonNode> sources = new ArrayList<>();
            sources.add(Chart.get(objects, "ConfigMap", name + "-config").path("data"));
            objects.stream()
                    .filter(o -> Chart.id(o).equals("Secret/" + name + "-secrets"))
                    .forEach(o -> sources.add(o.path("stringData")));
            for (JsonNode data : sources) {
                data.fieldNames().forEachRemaining(k -> {
                    if (k.startsWith("market.") && !declared.contains(k)) {
                        problems.add(name + ": chart sets " + k + ", which " + name
                                + "/src/main/resources/application.properties does not declare");
                    }
                });
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new java.util.HashMap<>();
        container
                .path("env")
                .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText(null)));
        return env;
    }
}
