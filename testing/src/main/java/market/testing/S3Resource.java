package market.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Adobe S3Mock (a real S3-compatible HTTP server) as a separate JVM with the images bucket created. */
public class S3Resource implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "market-images";
    private Process process;
    private Path dir;

    @Override
    public Map<String, String> start() {
        int port = Processes.freePort();
        try {
            dir = Files.createTempDirectory("market-test-s3-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = dir.resolve("s3mock.log");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = Processes.start(log, List.of(javaBin, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar(),
                "--server.address=127.0.0.1", "--server.port=0",
                "--com.adobe.testing.s3mock.http-port=" + port,
                "--com.adobe.testing.s3mock.store.root=" + dir.resolve("store"),
                "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
                "--logging.level.root=WARN"));
        Processes.awaitPort(port, Duration.ofSeconds(90), process, log);
        return Map.of(
                "quarkus.s3.endpoint-override", "http://127.0.0.1:" + port,
                "quarkus.s3.path-style-access", "true",
                "quarkus.s3.aws.region", "us-east-1",
                "quarkus.s3.aws.credentials.type", "static",
                "quarkus.s3.aws.credentials.static-provider.access-key-id", "test",
                "quarkus.s3.aws.credentials.static-provider.secret-access-key", "test",
                "market.images.bucket", BUCKET);
    }

    @Override
    public void stop() {
        Processes.stop(process);
        Processes.deleteTree(dir);
    }

    private static String jar() {
        String configured = System.getProperty("markettest.s3mock.jar");
        if (configured != null && Files.exists(Path.of(configured))) {
            return configured;
        }
        throw new IllegalStateException("S3Mock jar not found (system property markettest.s3mock.jar=" + configured
                + "); build the 'testing' module first so Maven fetches it");
    }
}
