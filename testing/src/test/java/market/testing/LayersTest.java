package market.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house a newcomer sees, checked: services depend on common, never on each other; inside a service the layers
 * point one way — api/ws → service → storage/domain/client — so service, storage, domain, client and config never
 * import an api or ws type, storage and client never import service, and domain imports none of the layers above it.
 * Data access is one way: no JPA/Hibernate ORM anywhere, and JDBC, the pool and {@code market.common.db} statements
 * only in a service's storage package. Read from the import lines of every main source file of common, product, chat
 * and notify.
 */
class LayersTest {
    private static final List<String> SERVICES = List.of("product", "chat", "notify");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?market\\.(\\w+)\\.(\\w+)[.;]");
    /**
     * What reaches the database: JPA/Hibernate ORM (nowhere), and JDBC, the pool and the common helper's
     * statement types (only in storage).
     */
    private static final Pattern DATA_ACCESS = Pattern.compile("(?m)^import (?:static )?((?:jakarta\\.persistence|"
            + "io\\.quarkus\\.hibernate\\.orm|org\\.hibernate\\.orm|java\\.sql|javax\\.sql|io\\.agroal|"
            + "market\\.common\\.db\\.(?:Db|Sql|Row|RowMapper)\\b|market\\.common\\.outbox\\.Outbox\\b)[\\w.]*);");

    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("market"))) {
            p = p.getParent();
        }
        assertTrue(p != null, "repository root not found");
        return p;
    }

    /** Every wrong-way import as "file: market.x.y". */
    static List<String> violations(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        for (String module : List.of("common", "product", "chat", "notify")) {
            Path src = root.resolve(module).resolve("src/main/java/market");
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                    Path rel = src.relativize(f);
                    String layer = rel.getNameCount() > 2 ? rel.getName(1).toString() : "";
                    String source = Files.readString(f);
                    Matcher m = IMPORT.matcher(source);
                    while (m.find()) {
                        String toModule = m.group(1);
                        String toLayer = m.group(2);
                        String where = root.relativize(f) + ": market." + toModule + "." + toLayer;
                        if (module.equals("common") && SERVICES.contains(toModule)) {
                            out.add(where + " (common depends on no service)");
                        } else if (!module.equals("common")
                                && SERVICES.contains(toModule)
                                && !toModule.equals(module)) {
                            out.add(where + " (a service never imports another service)");
                        } else if (toModule.equals(module)
                                && List.of("service", "storage", "domain", "client", "config")
                                        .contains(layer)
                                && List.of("api", "ws").contains(toLayer)) {
                            out.add(where + " (" + layer + " must not depend on the HTTP/WebSocket edge)");
                        } else if (toModule.equals(module)
                                && layer.equals("domain")
                                && List.of("service", "storage", "client").contains(toLayer)) {
                            out.add(where + " (domain depends on no layer above it)");
                        } else if (toModule.equals(module)
                                && List.of("storage", "client").contains(layer)
                                && toLayer.equals("service")) {
                            out.add(where + " (" + layer + " is called by service, never the other way)");
                        }
                    }
                    Matcher data = DATA_ACCESS.matcher(source);
                    while (data.find()) {
                        String imported = data.group(1);
                        String where = root.relativize(f) + ": " + imported;
                        if (imported.startsWith("jakarta.persistence") || imported.contains("hibernate.orm")) {
                            out.add(where + " (no ORM: plain JDBC through market.common.db.Db)");
                        } else if (!module.equals("common") && !layer.equals("storage")) {
                            out.add(where + " (SQL and connections live in storage)");
                        }
                    }
                }
            }
        }
        return out;
    }

    @Test
    void layersPointOneWayAndServicesShareOnlyCommon() throws IOException {
        assertEquals(List.of(), violations(root()));
    }

    @Test
    void aWrongWayImportIsFound() throws IOException {
        Path fake = Files.createTempDirectory("layers");
        for (String m : List.of("common", "product", "chat", "notify")) {
            Files.createDirectories(
                    fake.resolve(m).resolve("src/main/java/market").resolve(m));
        }
        Files.writeString(fake.resolve("market"), "");
        Path svc = Files.createDirectories(fake.resolve("chat/src/main/java/market/chat/service"));
        Files.writeString(
                svc.resolve("X.java"), "package market.chat.service;\nimport market.chat.ws.Frames;\nclass X {}\n");
        Path dom = Files.createDirectories(fake.resolve("notify/src/main/java/market/notify/domain"));
        Files.writeString(
                dom.resolve("Y.java"), "package market.notify.domain;\nimport market.product.api.Z;\nclass Y {}\n");
        Path api = Files.createDirectories(fake.resolve("product/src/main/java/market/product/api"));
        Files.writeString(
                api.resolve("W.java"),
                "package market.product.api;\nimport market.common.db.Sql;\nimport jakarta.persistence.EntityManager;\nclass W {}\n");
        Path store = Files.createDirectories(fake.resolve("notify/src/main/java/market/notify/storage"));
        Files.writeString(
                store.resolve("V.java"),
                "package market.notify.storage;\nimport market.common.db.Db;\nimport market.notify.service.Q;\nclass V {}\n");
        List<String> found = violations(fake);
        assertEquals(5, found.size(), found.toString());
    }
}
