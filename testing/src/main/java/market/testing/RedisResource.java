package market.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real redis-server on a free loopback port. Tests can stop and restart it on the same port through
 * {@link #stopServer()} / {@link #startServer()} to exercise the degraded paths.
 */
public class RedisResource implements QuarkusTestResourceLifecycleManager {

    private static final String PORT_PROP = "markettest.redis.port";
    private static final String DIR_PROP = "markettest.redis.dir";
    private static Process process;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("market-test-redis-");
            System.setProperty(DIR_PROP, dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(PORT_PROP, Integer.toString(Processes.freePort()));
        startServer();
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + System.getProperty(PORT_PROP));
    }

    @Override
    public void stop() {
        stopServer();
        Processes.deleteTree(Path.of(System.getProperty(DIR_PROP)));
    }

    public static synchronized void startServer() {
        Path dir = Path.of(System.getProperty(DIR_PROP));
        int port = Integer.parseInt(System.getProperty(PORT_PROP));
        Path log = dir.resolve("redis.log");
        process = Processes.start(
                log,
                List.of(
                        binary(),
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        dir.toString()));
        Processes.awaitPort(port, Duration.ofSeconds(20), process, log);
    }

    public static synchronized void stopServer() {
        Processes.stop(process);
        process = null;
    }

    private static String binary() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "redis-server";
    }
}
