package market.notify.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.client.util.Key;
import com.google.firebase.messaging.Message;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The native executable's reflection list for firebase-admin is complete for what notify uses: every class of
 * its messaging and shared error handling with JSON {@code @Key} fields is registered (an unregistered one is sent
 * as an empty object only in native mode, so no JVM test would notice), and the resources it reads are included.
 */
class FirebaseNativeConfigTest {

    private static boolean inScope(String className) {
        return className.startsWith("com.google.firebase.messaging.")
                || className.startsWith("com.google.firebase.internal.")
                || className.equals("com.google.firebase.FirebaseOptions$Builder");
    }

    @Test
    void everyJsonMappedClassOfFcmIsRegisteredForReflection() throws Exception {
        Set<String> mapped = new TreeSet<>();
        Path jar = Path.of(Message.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (!name.endsWith(".class")) {
                    continue;
                }
                String className = name.substring(0, name.length() - 6).replace('/', '.');
                if (!inScope(className)) {
                    continue;
                }
                Class<?> type = Class.forName(className, false, getClass().getClassLoader());
                if (Stream.of(type.getDeclaredFields()).anyMatch((Field f) -> f.isAnnotationPresent(Key.class))) {
                    mapped.add(type.getName());
                }
            }
        }
        assertTrue(mapped.size() > 10, "found the FCM model classes: " + mapped);

        RegisterForReflection registration = FirebaseNativeConfig.class.getAnnotation(RegisterForReflection.class);
        Set<String> registered = new TreeSet<>(Arrays.asList(registration.classNames()));
        Arrays.stream(registration.targets()).map(Class::getName).forEach(registered::add);
        assertTrue(registration.fields(), "fields are what the JSON mapping reads");
        assertEquals(mapped, registered);
    }

    @Test
    void theSdksPropertiesFilesAreIncludedInTheNativeExecutable() throws IOException {
        String props = Files.readString(Path.of("src/main/resources/application.properties"));
        String includes = props.lines()
                .filter(l -> l.startsWith("quarkus.native.resources.includes="))
                .findFirst()
                .orElseThrow();
        for (String resource :
                new String[] {"admin_sdk.properties", "com/google/api/client/googleapis/google-api-client.properties"
                }) {
            assertTrue(includes.contains(resource), resource);
            assertTrue(
                    getClass().getClassLoader().getResource(resource) != null, resource + " exists on the class path");
        }
    }
}
