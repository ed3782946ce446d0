package market.testing;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds HTTP endpoints that may answer in a format other than the API's. Without {@code @Produces} Quarkus
 * REST negotiates whatever the client asks for, e.g. {@code Accept: text/html} gets a record's
 * {@code toString()} with unescaped user text; with it, any other Accept is a 406. Every resource method
 * must declare (on itself or its class) only JSON, problem+json, SSE, octet-stream or the image types.
 */
public final class EndpointMediaTypes {

    public static final Set<String> ALLOWED = Set.of(
            "application/json",
            "application/problem+json",
            "text/event-stream",
            "application/octet-stream",
            "image/jpeg",
            "image/png",
            "image/webp");

    private EndpointMediaTypes() {}

    /** "Class#method: problem" for each endpoint under the classes root that breaks the rule. */
    public static List<String> offenders(java.nio.file.Path classesRoot, ClassLoader loader) {
        List<String> out = new ArrayList<>();
        for (Class<?> type : EndpointPolicies.classes(classesRoot, loader)) {
            out.addAll(offenders(type));
        }
        return out;
    }

    public static List<String> offenders(Class<?> type) {
        List<String> out = new ArrayList<>();
        if (type.isInterface() || !type.isAnnotationPresent(Path.class)) {
            return out;
        }
        for (Method m : type.getDeclaredMethods()) {
            boolean endpoint = Modifier.isPublic(m.getModifiers())
                    && Stream.of(m.getAnnotations())
                            .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class));
            if (!endpoint) {
                continue;
            }
            Produces produces = m.isAnnotationPresent(Produces.class)
                    ? m.getAnnotation(Produces.class)
                    : type.getAnnotation(Produces.class);
            String name = type.getName() + "#" + m.getName();
            if (produces == null) {
                out.add(name + ": no @Produces");
                continue;
            }
            for (String value : produces.value()) {
                for (String mediaType : value.split(",")) {
                    String bare = mediaType.strip().split(";")[0].strip();
                    if (!ALLOWED.contains(bare)) {
                        out.add(name + ": produces " + bare);
                    }
                }
            }
        }
        return out;
    }
}
