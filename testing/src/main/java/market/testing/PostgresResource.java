package market.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (Debian's binaries, or any found through PG_BIN) in a throw-away cluster,
 * initialised with a UTF-8 aware locale so that pg_trgm works on Hangul. As root it runs as user postgres.
 * Tests may stop and start it (see {@link #stopServer()}) to prove a service degrades instead of losing data.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    public static final String USER = "market";
    private static final String DIR_PROP = "markettest.pg.dir";
    private static final String PORT_PROP = "markettest.pg.port";

    private Path dir;
    private String database = "market";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        int port = Processes.freePort();
        try {
            dir = Files.createTempDirectory("market-test-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path data = dir.resolve("data");
        Path log = dir.resolve("pg.log");
        if (Processes.isRoot()) {
            Processes.run(
                    dir.resolveSibling(dir.getFileName() + ".chown.log"), "chown", "-R", "postgres", dir.toString());
        }
        Processes.run(
                log,
                Processes.asUser(
                                "postgres",
                                bin("initdb"),
                                "-D",
                                data.toString(),
                                "-U",
                                USER,
                                "--auth=trust",
                                "--locale=C.UTF-8",
                                "-E",
                                "UTF8",
                                "--no-sync")
                        .toArray(String[]::new));
        System.setProperty(DIR_PROP, dir.toString());
        System.setProperty(PORT_PROP, Integer.toString(port));
        startServer();
        Processes.run(log, bin("createdb"), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, database);
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", USER,
                "quarkus.datasource.password", "unused");
    }

    @Override
    public void stop() {
        stopServer();
        Processes.deleteTree(dir);
        System.clearProperty(DIR_PROP);
        System.clearProperty(PORT_PROP);
    }

    /** Stops the running test server (fast shutdown); data stays. */
    public static void stopServer() {
        String d = System.getProperty(DIR_PROP);
        if (d == null || !Files.exists(Path.of(d, "data", "postmaster.pid"))) {
            return;
        }
        Path dir = Path.of(d);
        Processes.run(
                dir.resolve("pg.log"),
                Processes.asUser(
                                "postgres",
                                bin("pg_ctl"),
                                "-D",
                                dir.resolve("data").toString(),
                                "-m",
                                "fast",
                                "-w",
                                "stop")
                        .toArray(String[]::new));
    }

    /** Starts the test server again on the same port. */
    public static void startServer() {
        Path dir = Path.of(System.getProperty(DIR_PROP));
        String port = System.getProperty(PORT_PROP);
        Processes.run(
                dir.resolve("pg.log"),
                Processes.asUser(
                                "postgres",
                                bin("pg_ctl"),
                                "-D",
                                dir.resolve("data").toString(),
                                "-l",
                                dir.resolve("server.log").toString(),
                                "-w",
                                "-t",
                                "60",
                                "-o",
                                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                                        + " -c synchronous_commit=off -c full_page_writes=off",
                                "start")
                        .toArray(String[]::new));
    }

    static String bin(String name) {
        String pgBin = System.getenv("PG_BIN");
        if (pgBin != null && Files.isExecutable(Path.of(pgBin, name))) {
            return Path.of(pgBin, name).toString();
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Path found = versions.map(v -> v.resolve("bin").resolve(name))
                        .filter(Files::isExecutable)
                        .max(Path::compareTo)
                        .orElse(null);
                if (found != null) {
                    return found.toString();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return name;
    }
}
