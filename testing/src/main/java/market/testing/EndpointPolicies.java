package market.testing;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds HTTP endpoints without an explicit security policy. Every resource method must carry
 * {@code @RolesAllowed}, {@code @PermitAll}, {@code @Authenticated} or {@code @DenyAll} (on itself or its class).
 */
public final class EndpointPolicies {

    private static final Set<String> POLICY_ANNOTATIONS = Set.of(
            RolesAllowed.class.getName(),
            PermitAll.class.getName(),
            DenyAll.class.getName(),
            "io.quarkus.security.Authenticated",
            "io.quarkus.security.PermissionsAllowed");

    private EndpointPolicies() {}

    /** Scans compiled classes under the given root (e.g. target/classes) for unprotected endpoints. */
    public static List<String> unprotected(java.nio.file.Path classesRoot, ClassLoader loader) {
        List<String> missing = new ArrayList<>();
        for (Class<?> type : classes(classesRoot, loader)) {
            missing.addAll(unprotected(type));
        }
        return missing;
    }

    /** The endpoints of one class that lack a policy, as "Class#method". */
    public static List<String> unprotected(Class<?> type) {
        List<String> missing = new ArrayList<>();
        if (type.isInterface()) {
            // REST client interfaces carry @Path too, but they describe calls we make, not endpoints we serve.
            return missing;
        }
        boolean isEndpointClass =
                type.isAnnotationPresent(Path.class) || type.isAnnotationPresent(webSocketAnnotation());
        if (!isEndpointClass) {
            return missing;
        }
        boolean classPolicy = hasPolicy(type.getAnnotations());
        if (isWebSocket(type)) {
            if (!classPolicy) {
                missing.add(type.getName());
            }
            return missing;
        }
        for (Method m : type.getDeclaredMethods()) {
            boolean endpoint = Modifier.isPublic(m.getModifiers())
                    && (m.isAnnotationPresent(Path.class)
                            || Stream.of(m.getAnnotations())
                                    .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class)));
            if (endpoint && !classPolicy && !hasPolicy(m.getAnnotations())) {
                missing.add(type.getName() + "#" + m.getName());
            }
        }
        return missing;
    }

    private static boolean isWebSocket(Class<?> type) {
        Class<? extends Annotation> ws = webSocketAnnotation();
        return ws != Path.class && type.isAnnotationPresent(ws);
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Annotation> webSocketAnnotation() {
        try {
            return (Class<? extends Annotation>) Class.forName("io.quarkus.websockets.next.WebSocket");
        } catch (ClassNotFoundException e) {
            return Path.class;
        }
    }

    private static boolean hasPolicy(Annotation[] annotations) {
        return Stream.of(annotations)
                .anyMatch(a -> POLICY_ANNOTATIONS.contains(a.annotationType().getName()));
    }

    static List<Class<?>> classes(java.nio.file.Path root, ClassLoader loader) {
        try (Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(root)) {
            return walk.filter(p ->
                            p.toString().endsWith(".class") && !p.toString().contains("$"))
                    .map(p -> root.relativize(p)
                            .toString()
                            .replace(java.io.File.separatorChar, '.')
                            .replaceAll("\\.class$", ""))
                    .<Class<?>>map(name -> {
                        try {
                            return Class.forName(name, false, loader);
                        } catch (ClassNotFoundException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
