package market.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The checked-in OpenAPI documents (docs/openapi/&lt;service&gt;.yaml) against what a service serves at /q/openapi.
 * {@code -Dmarket.regenerate=true} rewrites the file instead of failing, as deploy/ does for generated manifests.
 */
public final class OpenApiDocuments {

    public static final boolean REGENERATE = Boolean.getBoolean("market.regenerate");

    private OpenApiDocuments() {}

    /** docs/openapi/&lt;service&gt;.yaml, found from the module's working directory upwards. */
    public static Path checkedIn(String service) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null
                && !Files.isDirectory(dir.resolve("docs/openapi"))
                && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "repository root not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("docs/openapi/" + service + ".yaml");
    }

    /**
     * Null when the served document equals the checked-in one (or was just rewritten with -Dmarket.regenerate=true),
     * else a message saying how to regenerate.
     */
    public static String difference(String service, String served) {
        Path file = checkedIn(service);
        String expected = served.endsWith("\n") ? served : served + "\n";
        try {
            if (REGENERATE) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, expected, StandardCharsets.UTF_8);
                return null;
            }
            if (!Files.isRegularFile(file)) {
                return file + " is missing; " + howTo(service);
            }
            String actual = Files.readString(file, StandardCharsets.UTF_8);
            if (actual.equals(expected)) {
                return null;
            }
            String[] a = actual.split("\n", -1);
            String[] e = expected.split("\n", -1);
            int line = 0;
            while (line < a.length && line < e.length && a[line].equals(e[line])) {
                line++;
            }
            return file + " differs from /q/openapi at line " + (line + 1) + ": checked in «"
                    + (line < a.length ? a[line] : "<end>") + "», served «" + (line < e.length ? e[line] : "<end>")
                    + "»; if the change is intended, " + howTo(service);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String howTo(String service) {
        return "run ./mvnw -B -pl " + service + " -am verify -DskipITs -Dtest=OpenApiDocumentTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dmarket.regenerate=true, then cd frontend && npm run api:generate";
    }

    /**
     * Operations without a success response, and operations whose security requirement does not match the method's policy: {@code @PermitAll} has none,
     * {@code @RolesAllowed}/{@code @Authenticated} (on the method or its class) requires {@code bearer}. Operation
     * ids are Class_method (operation-id-strategy CLASS_METHOD); classes are looked up in the given package.
     */
    public static List<String> contractProblems(String json, String apiPackage, ClassLoader loader) {
        List<String> out = new ArrayList<>();
        JsonNode paths;
        try {
            paths = new ObjectMapper().readTree(json).path("paths");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> o = path.getValue().fields(); o.hasNext(); ) {
                Map.Entry<String, JsonNode> op = o.next();
                String id = op.getValue().path("operationId").asText();
                String where = op.getKey().toUpperCase() + " " + path.getKey() + " (" + id + ")";
                Method method = method(id, apiPackage, loader);
                if (method == null) {
                    out.add(where + ": no method " + id + " in " + apiPackage);
                    continue;
                }
                boolean success = false;
                for (Iterator<String> codes = op.getValue().path("responses").fieldNames(); codes.hasNext(); ) {
                    success |= codes.next().startsWith("2");
                }
                if (!success) {
                    out.add(where + ": no 2xx response (an @APIResponse list without one hides the answer's schema)");
                }
                boolean open = policy(method, method.getDeclaringClass()) == Policy.OPEN;
                JsonNode security = op.getValue().path("security");
                boolean bearer = security.isArray()
                        && security.size() == 1
                        && security.get(0).has("bearer");
                boolean none = security.isMissingNode() || (security.isArray() && security.isEmpty());
                if (open && !none) {
                    out.add(where + ": @PermitAll but the document requires " + security);
                } else if (!open && !bearer) {
                    out.add(where + ": needs a role but the document says " + (none ? "no security" : security));
                }
            }
        }
        return out;
    }

    private enum Policy {
        OPEN,
        TOKEN,
        NONE
    }

    private static Policy policy(Method m, Class<?> type) {
        Policy own = policy(m);
        return own != Policy.NONE ? own : policy(type);
    }

    private static Policy policy(AnnotatedElement e) {
        if (e.isAnnotationPresent(PermitAll.class)) {
            return Policy.OPEN;
        }
        boolean token = e.isAnnotationPresent(RolesAllowed.class)
                || Arrays.stream(e.getAnnotations())
                        .anyMatch(a -> a.annotationType().getName().equals("io.quarkus.security.Authenticated"));
        return token ? Policy.TOKEN : Policy.NONE;
    }

    private static Method method(String operationId, String apiPackage, ClassLoader loader) {
        int sep = operationId.indexOf('_');
        if (sep < 0) {
            return null;
        }
        try {
            Class<?> type = Class.forName(apiPackage + "." + operationId.substring(0, sep), false, loader);
            String name = operationId.substring(sep + 1);
            return Arrays.stream(type.getDeclaredMethods())
                    .filter(m -> m.getName().equals(name))
                    .findFirst()
                    .orElse(null);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
