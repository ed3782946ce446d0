package market.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** helm-java (Helm's Go library through JNA) around the chart, plus YAML helpers. */
final class Chart {
    static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RELEASE = "market";
    static final String NAMESPACE = "market";

    /** The value sets every rendering test runs: name -> values file in the chart (null = defaults only). */
    static final Map<String, String> VALUE_SETS = Map.of(
            "default", "",
            "trial", "values-trial.yaml",
            "production", "values-production.yaml",
            "external", "values-external.yaml");

    private Chart() {}

    static String template(String valueSet, Map<String, Object> sets) {
        return template(valueSet, sets, NAMESPACE);
    }

    static String template(String valueSet, Map<String, Object> sets, String namespace) {
        TemplateCommand cmd = new Helm(Repo.CHART)
                .template()
                .withName(RELEASE)
                .withNamespace(namespace)
                .withKubeVersion("1.31.0");
        String file = VALUE_SETS.getOrDefault(valueSet, valueSet);
        if (file != null && !file.isEmpty()) {
            cmd = cmd.withValuesFile(Repo.CHART.resolve(file));
        }
        for (Map.Entry<String, Object> e : sets.entrySet()) {
            cmd = cmd.set(e.getKey(), e.getValue());
        }
        return cmd.call();
    }

    static List<JsonNode> render(String valueSet) {
        return parseAll(template(valueSet, Map.of()));
    }

    static List<JsonNode> parseAll(String yaml) {
        List<JsonNode> out = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode() && n.size() > 0) {
                    out.add(n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * helm-java's lint takes no values file, so lint a copy of the chart whose values.yaml is the defaults
     * deep-merged with the given file: the same values `helm lint --strict -f file` would check.
     */
    static LintResult lint(String valueSet, Path workDir) throws IOException {
        String file = VALUE_SETS.getOrDefault(valueSet, valueSet);
        if (file == null || file.isEmpty()) {
            return new Helm(Repo.CHART).lint().strict().call();
        }
        Path copy = workDir.resolve("ddangn-market");
        copyTree(Repo.CHART, copy);
        ObjectNode merged =
                (ObjectNode) YAML.readTree(Repo.CHART.resolve("values.yaml").toFile());
        merge(merged, YAML.readTree(Repo.CHART.resolve(file).toFile()));
        YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
        return new Helm(copy).lint().strict().call();
    }

    static void merge(ObjectNode target, JsonNode overlay) {
        overlay.fields().forEachRemaining(e -> {
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode o && e.getValue().isObject()) {
                merge(o, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        });
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    static String id(JsonNode o) {
        return o.path("kind").asText() + "/" + o.path("metadata").path("name").asText();
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText()))
                .toList();
    }

    static JsonNode get(List<JsonNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText())
                        && name.equals(o.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " rendered"));
    }
}
