package market.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Images (Dockerfiles, nginx), skaffold.yaml, native build settings and the Quarkus manifest fragments. */
class DeliveryFilesTest {

    static List<String> fromLines(String dockerfile) {
        List<String> out = new ArrayList<>();
        for (String l : dockerfile.split("\n")) {
            if (l.startsWith("FROM ")) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void jvmImageIsOneFileForTheThreeServicesWithFastJarLayersAndANonRootUser() throws Exception {
        String df = Files.readString(Repo.ROOT.resolve("images/jvm.Dockerfile"));
        List<String> froms = fromLines(df);
        assertEquals(List.of("FROM ${BASE_IMAGE}"), froms, "one runtime stage on a base given as a build argument");
        assertTrue(df.contains("ARG BASE_IMAGE=docker.io/library/eclipse-temurin:17-jre"), "a public default base");
        // dependencies first, the code last: a code change rebuilds the small layers only
        List<String> copies = new ArrayList<>();
        for (String l : df.split("\n")) {
            if (l.startsWith("COPY ")) {
                copies.add(l.replaceAll("\\s+", " "));
            }
        }
        assertEquals(
                List.of(
                        "COPY --chown=1001:0 target/quarkus-app/lib/ /deployments/lib/",
                        "COPY --chown=1001:0 target/quarkus-app/*.jar /deployments/",
                        "COPY --chown=1001:0 target/quarkus-app/quarkus/ /deployments/quarkus/",
                        "COPY --chown=1001:0 target/quarkus-app/app/ /deployments/app/"),
                copies);
        assertTrue(Pattern.compile("(?m)^USER 1001:0$").matcher(df).find(), "runs as 1001, the chart's runAsUser");
        assertTrue(
                df.contains("EXPOSE 8080") && df.contains("QUARKUS_HTTP_PORT=8080"),
                "image port must be the chart's serviceDefaults.port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"product", "chat", "notify"})
    void nativeDockerfilesAreMultiStageAndRunAsNonRoot(String svc) throws Exception {
        String df = Files.readString(Repo.ROOT.resolve(svc).resolve("src/main/docker/Dockerfile.native"));
        List<String> froms = fromLines(df);
        assertEquals(2, froms.size(), svc + " Dockerfile.native must have a build and a runtime stage");
        assertTrue(froms.get(0).endsWith(" AS build"), froms.get(0));
        String runtime = froms.get(1);
        String afterRuntime = df.substring(df.indexOf(runtime));
        assertTrue(froms.get(0).contains("ubi9-quarkus-mandrel-builder-image:jdk-21"), froms.get(0));
        if (svc.equals("product") || svc.equals("chat")) {
            // AWT (listing and chat photos): the AWT guide's runtime base with freetype and fontconfig, plus the
            // JDK's AWT libraries the native build writes next to the executable.
            assertTrue(runtime.startsWith("FROM registry.access.redhat.com/ubi9/ubi-minimal:"), runtime);
            assertTrue(
                    afterRuntime.contains("microdnf install -y freetype fontconfig"),
                    "AWT needs freetype and fontconfig");
            assertTrue(
                    afterRuntime.contains("/build/" + svc + "/target/*.so /work/"),
                    "copies the AWT libraries of the build");
        } else {
            assertEquals("FROM quay.io/quarkus/ubi9-quarkus-micro-image:2.0", runtime);
        }
        assertTrue(df.contains("-Dnative") && df.contains("-Dquarkus.native.container-build=false"));
        assertTrue(df.contains("/build/" + svc + "/target/*-runner"));
        assertTrue(
                df.contains("./mvnw -B -ntp -pl " + svc + " -am package"), "builds only " + svc + " and what it needs");
        assertTrue(Pattern.compile("(?m)^USER 1001$").matcher(afterRuntime).find(), svc + " runtime must run as 1001");
        assertTrue(
                afterRuntime.contains("EXPOSE 8080") && afterRuntime.contains("QUARKUS_HTTP_PORT=8080"),
                "image port must be the chart's serviceDefaults.port");
    }

    @Test
    void chartContainerPortMatchesTheImages() throws Exception {
        JsonNode values = Chart.YAML.readTree(Repo.CHART.resolve("values.yaml").toFile());
        assertEquals(8080, values.path("serviceDefaults").path("port").asInt());
        assertEquals(
                1001,
                values.path("serviceDefaults")
                        .path("podSecurityContext")
                        .path("runAsUser")
                        .asInt());
        assertEquals(8080, values.path("frontend").path("port").asInt());
    }

    @Test
    void frontendImageServesTheSpaWithFallbackAndHealthz() throws Exception {
        String df = Files.readString(Repo.ROOT.resolve("frontend/Dockerfile"));
        assertEquals(List.of("FROM ${BASE_IMAGE}"), fromLines(df), "the built app on a base given as a build argument");
        assertTrue(df.contains("ARG BASE_IMAGE=docker.io/nginxinc/nginx-unprivileged:"), "a public default base");
        assertTrue(df.contains("COPY dist/ /usr/share/nginx/html/")
                && df.contains("COPY nginx-main.conf /etc/nginx/nginx.conf"));
        assertTrue(df.contains("USER 101"));
        String main = Files.readString(Repo.ROOT.resolve("frontend/nginx-main.conf"));
        assertTrue(
                main.contains("pid /tmp/nginx.pid;") && main.contains("client_body_temp_path /tmp/"),
                "nginx writes only to /tmp (an emptyDir; the root is read-only)");
        String conf = Files.readString(Repo.ROOT.resolve("frontend/nginx.conf"));
        assertTrue(conf.contains("listen 8080;"));
        assertTrue(conf.contains("try_files $uri /index.html;"), "SPA fallback for client-side routes");
        assertTrue(
                df.contains("gzip -9") && conf.contains("gzip_static on;"),
                "bundles precompressed in the image, served by gzip_static");
        assertTrue(conf.contains("location = /healthz"), "the chart probes /healthz");
    }

    @Test
    void nativeBuildIsConfiguredAsAContainerBuildWithMandrel() throws Exception {
        String pom = Files.readString(Repo.ROOT.resolve("pom.xml"));
        Matcher profile = Pattern.compile("(?s)<profile>\\s*<id>native</id>(.*?)</profile>")
                .matcher(pom);
        assertTrue(profile.find(), "parent pom needs a native profile");
        String p = profile.group(1);
        assertTrue(p.contains("<quarkus.native.enabled>true</quarkus.native.enabled>"));
        assertTrue(p.contains("<quarkus.native.container-build>true</quarkus.native.container-build>"));
        assertTrue(p.contains("ubi9-quarkus-mandrel-builder-image:jdk-21"), "same builder as Dockerfile.native");
    }

    @ParameterizedTest
    @ValueSource(strings = {"product", "chat", "notify"})
    void quarkusManifestFragmentsLockDownTheGeneratedDeployment(String svc) throws Exception {
        JsonNode d = Chart.YAML.readTree(Repo.ROOT
                .resolve(svc)
                .resolve("src/main/kubernetes/kubernetes.yml")
                .toFile());
        assertEquals("Deployment", d.path("kind").asText());
        assertEquals(
                svc, d.path("metadata").path("name").asText(), "fragment must be named like quarkus.application.name");
        JsonNode pod = d.path("spec").path("template").path("spec");
        JsonNode c = pod.path("containers").get(0);
        assertEquals(svc, c.path("name").asText());
        // the same rules as the chart, minus what the generator adds itself (resources, probes, image)
        ObjectNode probe = Chart.JSON.createObjectNode();
        ObjectNode full = d.deepCopy();
        ObjectNode container = (ObjectNode) full.path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        container.set("startupProbe", probe);
        container.set("livenessProbe", probe);
        container.set("readinessProbe", probe);
        container.set("resources", Chart.YAML.readTree("{requests: {cpu: 1, memory: 1}, limits: {memory: 1}}"));
        List<String> problems = Workloads.check(List.of(full));
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    static JsonNode skaffold() throws Exception {
        return Chart.YAML.readTree(Repo.ROOT.resolve("skaffold.yaml").toFile());
    }

    /** RFC 6902 add/replace, the two operations skaffold profiles here use. */
    static JsonNode applyProfile(JsonNode config, String profile) {
        JsonNode doc = config.deepCopy();
        for (JsonNode p : config.path("profiles")) {
            if (!profile.equals(p.path("name").asText())) {
                continue;
            }
            for (JsonNode op : p.path("patches")) {
                String path = op.path("path").asText();
                JsonPointer ptr = JsonPointer.compile(path);
                JsonNode parent = doc.at(ptr.head());
                String last = ptr.last().getMatchingProperty();
                switch (op.path("op").asText()) {
                    case "add", "replace" -> {
                        if (parent instanceof ObjectNode o) {
                            if (op.path("op").asText().equals("replace")) {
                                assertTrue(o.has(last), profile + ": replace of missing " + path);
                            }
                            o.set(last, op.path("value"));
                        } else if (parent instanceof ArrayNode a) {
                            int i = Integer.parseInt(last);
                            assertTrue(i < a.size(), profile + ": no element " + path);
                            a.set(i, op.path("value"));
                        } else {
                            throw new AssertionError(profile + ": patch path not found " + path);
                        }
                    }
                    case "remove" -> {
                        assertTrue(
                                parent instanceof ObjectNode o && o.has(last), profile + ": remove of missing " + path);
                        ((ObjectNode) parent).remove(last);
                    }
                    default -> throw new AssertionError("unsupported patch op " + op);
                }
            }
            return doc;
        }
        throw new AssertionError("no skaffold profile " + profile);
    }

    @Test
    void skaffoldConfigValidatesAgainstSkaffoldSchemaInEveryProfile() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(Schemas.readResource("schemas/skaffold-v4beta11.json", false));
        JsonNode config = skaffold();
        assertEquals("skaffold/v4beta11", config.path("apiVersion").asText());
        for (String profile : List.of("", "dev", "native")) {
            JsonNode effective = profile.isEmpty() ? config : applyProfile(config, profile);
            Set<ValidationMessage> errors = schema.validate(effective);
            assertTrue(errors.isEmpty(), () -> "skaffold.yaml " + profile + ": " + errors);
        }
        ObjectNode typo = config.deepCopy();
        ((ObjectNode) typo.path("deploy").path("helm").path("releases").get(0)).put("chartPth", "x");
        assertTrue(!schema.validate(typo).isEmpty(), "the skaffold schema check must catch a misspelt field");
    }

    @Test
    void skaffoldBuildsTheFiveImagesWithTheRepositoryDockerfiles() throws Exception {
        JsonNode config = skaffold();
        Set<String> images = new TreeSet<>();
        for (String profile : List.of("", "native")) {
            JsonNode effective = profile.isEmpty() ? config : applyProfile(config, profile);
            for (JsonNode a : effective.path("build").path("artifacts")) {
                images.add(a.path("image").asText());
                Path context = Repo.ROOT.resolve(a.path("context").asText());
                Path dockerfile =
                        context.resolve(a.path("docker").path("dockerfile").asText());
                assertTrue(Files.isRegularFile(dockerfile), "missing " + dockerfile);
                String name = a.path("image").asText();
                if (Set.of("product", "chat", "notify").contains(name)) {
                    if (profile.equals("native")) {
                        assertEquals(
                                Repo.ROOT, context.normalize(), name + " builds natively from the repository root");
                        assertTrue(
                                dockerfile.toString().endsWith(name + "/src/main/docker/Dockerfile.native"),
                                dockerfile.toString());
                        assertTrue(
                                a.path("hooks").isMissingNode(), "the native build compiles inside the builder image");
                    } else {
                        assertEquals(
                                Repo.ROOT.resolve(name), context.normalize(), name + " copies its module's fast-jar");
                        assertEquals(Repo.ROOT.resolve("images/jvm.Dockerfile"), dockerfile.normalize());
                        assertTrue(
                                a.path("hooks")
                                        .path("before")
                                        .get(0)
                                        .path("command")
                                        .toString()
                                        .contains("-pl " + name + " -am"),
                                name + " is packaged before the image is built");
                    }
                }
            }
        }
        assertEquals(Set.of("product", "chat", "notify", "frontend", "keycloak"), images);
        JsonNode pf = config.path("portForward").get(0);
        assertEquals("ingress-nginx-controller", pf.path("resourceName").asText());
        assertEquals(8080, pf.path("localPort").asInt(), "the gateway on localhost:8080, as with ./market up");
    }

    @Test
    void skaffoldDevDeploysTheChartWithOneReplicaAndBundledDependencies() throws Exception {
        JsonNode release = applyProfile(skaffold(), "dev")
                .path("deploy")
                .path("helm")
                .path("releases")
                .get(0);
        assertEquals(
                Repo.CHART,
                Repo.ROOT.resolve(release.path("chartPath").asText()).normalize());
        Map<String, Object> sets = new LinkedHashMap<>();
        release.path("setValues")
                .fields()
                .forEachRemaining(e -> sets.put(e.getKey(), e.getValue().asText()));
        release.path("setValueTemplates").fields().forEachRemaining(e -> {
            assertTrue(
                    e.getValue().asText().matches("\\{\\{\\.IMAGE_FULLY_QUALIFIED_[a-z]+}}"),
                    e.getValue().asText());
            sets.put(e.getKey(), "registry.local/" + e.getKey().replace("image.overrides.", "") + ":skaffold");
        });
        String valuesFile = release.path("valuesFiles").get(0).asText();
        List<JsonNode> objects =
                Chart.parseAll(Chart.template(Repo.ROOT.resolve(valuesFile).toString(), sets));
        List<String> problems = new ArrayList<>();
        objects.forEach(o -> problems.addAll(Schemas.validate(o)));
        problems.addAll(Workloads.check(objects));
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        for (String svc : List.of("product", "chat", "notify", "frontend")) {
            JsonNode d = Chart.get(objects, "Deployment", svc);
            assertEquals(1, d.path("spec").path("replicas").asInt());
            assertEquals(
                    "registry.local/" + svc + ":skaffold",
                    d.path("spec")
                            .path("template")
                            .path("spec")
                            .path("containers")
                            .get(0)
                            .path("image")
                            .asText());
        }
        assertTrue(Chart.ofKind(objects, "HorizontalPodAutoscaler").isEmpty());
        for (String dep : List.of("postgresql", "redis", "keycloak", "s3")) {
            Chart.get(objects, "StatefulSet", dep);
        }
        assertEquals(
                "localhost",
                Chart.get(objects, "Ingress", "market")
                        .path("spec")
                        .path("rules")
                        .get(0)
                        .path("host")
                        .asText());
    }
}
