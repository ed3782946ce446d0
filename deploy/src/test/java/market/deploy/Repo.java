package market.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository; surefire passes market.root, an IDE run from deploy/ falls back to "..". */
final class Repo {
    static final Path ROOT = locate();
    static final Path CHART = ROOT.resolve("helm/ddangn-market");
    static final Path ROUTES = ROOT.resolve("local/routes.tsv");
    static final Path REALM = ROOT.resolve("local/keycloak/market-realm.json");
    static final Path K8S = ROOT.resolve("k8s");

    /** -Dmarket.regenerate=true rewrites generated files (k8s/base, operator realm) instead of failing. */
    static final boolean REGENERATE = Boolean.getBoolean("market.regenerate");

    private Repo() {}

    private static Path locate() {
        String root = System.getProperty("market.root");
        Path p = (root != null ? Path.of(root) : Path.of("..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p.resolve("local/routes.tsv"))) {
            p = Path.of("").toAbsolutePath();
        }
        return p;
    }
}
