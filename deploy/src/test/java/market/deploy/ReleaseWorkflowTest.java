package market.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The release workflow cannot run here (no Docker daemon, registry or Mandrel builder), so its shape is checked:
 * it pushes exactly the images the chart pulls (values.yaml's registry and image names, and Keycloak), tagged
 * with the version the chart uses by default (its appVersion = the release tag without "v"), and the chart.
 */
class ReleaseWorkflowTest {

    private static final Path WORKFLOW = Repo.ROOT.resolve(".github/workflows/release.yaml");
    private static final String VERSION = "${{ needs.version.outputs.version }}";

    /** One docker/build-push-action step with the job's matrix expanded: pushed reference, context, file. */
    record Push(String job, String tag, String context, String file) {}

    private static JsonNode workflow() throws Exception {
        return Chart.YAML.readTree(WORKFLOW.toFile());
    }

    private static JsonNode values() throws Exception {
        return Chart.YAML.readTree(Repo.CHART.resolve("values.yaml").toFile());
    }

    static List<Push> pushes(JsonNode workflow) {
        String registry = workflow.path("env").path("REGISTRY").asText();
        List<Push> out = new ArrayList<>();
        workflow.path("jobs").fields().forEachRemaining(job -> {
            List<String> images = new ArrayList<>();
            job.getValue().path("strategy").path("matrix").path("image").forEach(n -> images.add(n.asText()));
            if (images.isEmpty()) {
                images.add(null);
            }
            for (JsonNode step : job.getValue().path("steps")) {
                if (!step.path("uses").asText().startsWith("docker/build-push-action@")) {
                    continue;
                }
                JsonNode with = step.path("with");
                assertTrue(with.path("push").asBoolean(), job.getKey() + " pushes what it builds");
                for (String image : images) {
                    out.add(new Push(
                            job.getKey(),
                            expand(with.path("tags").asText(), registry, image),
                            expand(with.path("context").asText(), registry, image),
                            expand(with.path("file").asText(), registry, image)));
                }
            }
        });
        return out;
    }

    private static String expand(String s, String registry, String image) {
        String r = s.replace("${{ env.REGISTRY }}", registry);
        return image == null ? r : r.replace("${{ matrix.image }}", image);
    }

    @Test
    void imagesAreExactlyTheChartsImagesUnderItsRegistry() throws Exception {
        JsonNode values = values();
        JsonNode wf = workflow();
        String registry = values.path("image").path("registry").asText();
        assertEquals(
                registry,
                wf.path("env").path("REGISTRY").asText(),
                "the workflow pushes to the chart's image.registry");

        Map<String, Set<String>> tagsByRepository = new TreeMap<>();
        for (Push p : pushes(wf)) {
            int colon = p.tag().lastIndexOf(':');
            tagsByRepository
                    .computeIfAbsent(p.tag().substring(0, colon), k -> new TreeSet<>())
                    .add(p.tag().substring(colon + 1));
        }
        Set<String> chartImages = new TreeSet<>();
        for (String component : List.of("product", "chat", "notify", "frontend")) {
            chartImages.add(
                    registry + "/" + values.path(component).path("image").asText());
        }
        // The bundled Keycloak: the project's image (images/keycloak.Dockerfile, realm build options applied).
        chartImages.add(registry + "/keycloak");
        assertEquals(chartImages, tagsByRepository.keySet(), "images pushed = images the chart deploys");

        String chartKeycloak = values.path("keycloak").path("image").asText();
        if (chartKeycloak.startsWith(registry + "/")) {
            assertEquals(
                    registry + "/keycloak",
                    chartKeycloak.substring(0, chartKeycloak.lastIndexOf(':')),
                    "keycloak.image names the image the workflow pushes");
        }

        for (String service : List.of("product", "chat", "notify")) {
            assertEquals(
                    Set.of(VERSION, VERSION + "-native"),
                    tagsByRepository.get(registry + "/" + service),
                    service + ": a JVM and a native image of the release version");
        }
        assertEquals(Set.of(VERSION), tagsByRepository.get(registry + "/frontend"));
        assertEquals(Set.of(VERSION), tagsByRepository.get(registry + "/keycloak"));
    }

    @Test
    void eachImageIsBuiltFromTheRepositorysOwnDockerfile() throws Exception {
        List<Push> pushes = pushes(workflow());
        assertEquals(8, pushes.size(), "3 JVM + 3 native + frontend + keycloak: " + pushes);
        for (Push p : pushes) {
            String name =
                    p.tag().substring(p.tag().lastIndexOf('/') + 1, p.tag().lastIndexOf(':'));
            if (p.tag().endsWith("-native")) {
                assertEquals(".", p.context(), "the native build stage compiles the whole reactor: " + p);
                assertEquals(name + "/src/main/docker/Dockerfile.native", p.file());
                assertTrue(Files.isRegularFile(Repo.ROOT.resolve(p.file())), p.file());
            } else if (Set.of("product", "chat", "notify").contains(name)) {
                assertEquals(
                        name,
                        p.context(),
                        "context = the module directory (images/jvm.Dockerfile copies target/quarkus-app)");
                assertEquals("images/jvm.Dockerfile", p.file());
                assertTrue(Files.isRegularFile(Repo.ROOT.resolve(p.file())), p.file());
            } else if (name.equals("frontend")) {
                assertEquals("frontend", p.context());
                assertEquals("frontend/Dockerfile", p.file());
            } else {
                assertEquals("images", p.context());
                assertEquals("images/keycloak.Dockerfile", p.file());
            }
        }
        JsonNode jobs = workflow().path("jobs");
        String jvmRuns = jobs.path("jvm").path("steps").toString();
        assertTrue(
                jvmRuns.contains("./mvnw -B -ntp package -DskipTests"), "the fast-jar is packaged before docker build");
        String frontendRuns = jobs.path("frontend").path("steps").toString();
        assertTrue(frontendRuns.contains("npm ci && npm run build"), "the SPA is built before docker build");
    }

    @Test
    void theTagIsTheChartVersionAndTheChartIsPushedAsOciArtifact() throws Exception {
        JsonNode chart = Chart.YAML.readTree(Repo.CHART.resolve("Chart.yaml").toFile());
        assertEquals(
                chart.path("version").asText(),
                chart.path("appVersion").asText(),
                "release tag v<version> names both the chart and the images (image.tag defaults to appVersion)");
        assertEquals("", values().path("image").path("tag").asText(), "image.tag empty = appVersion");

        JsonNode wf = workflow();
        JsonNode on = wf.has("on") ? wf.path("on") : wf.path("true"); // YAML 1.1 reads a bare on as true
        assertEquals("[\"v*\"]", on.path("push").path("tags").toString(), "released on tags v*");
        String check = wf.path("jobs").path("version").path("steps").toString();
        assertTrue(
                check.contains("helm/ddangn-market/Chart.yaml") && check.contains("GITHUB_REF_NAME#v"),
                "the tag is checked against Chart.yaml");
        String chartJob = wf.path("jobs").path("chart").path("steps").toString();
        assertTrue(
                chartJob.contains(
                        "helm package helm/ddangn-market --version \\\"$VERSION\\\" --app-version \\\"$VERSION\\\""),
                chartJob);
        assertTrue(chartJob.contains("helm push") && chartJob.contains("oci://$REGISTRY/charts"), chartJob);
        List<String> needs = new ArrayList<>();
        wf.path("jobs").path("chart").path("needs").forEach(n -> needs.add(n.asText()));
        assertTrue(
                needs.containsAll(List.of("jvm", "native", "frontend", "keycloak")),
                "chart pushed after its images: " + needs);
        assertTrue(Files.readString(WORKFLOW).contains("NOT RUN HERE"), "the workflow says it never ran here");
    }
}
