package market.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) running in its own JVM, in the prod
 * profile, the way a replica runs in a cluster: integration tests start two of them against the same
 * PostgreSQL and Redis. Configuration goes in as system properties; the port stays the same across
 * {@link #kill()} / {@link #stop()} and {@link #start()}, so clients reconnect to "the same replica". With the
 * system property {@code native.image.path} (the native profile) the native executable runs instead.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final Map<String, String> config;
    private final Path log;
    private final int port;
    private Process process;

    public ServiceProcess(String name, Path jar, Map<String, String> config, Path logDir) {
        if (System.getProperty("native.image.path") == null && !Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after `package`");
        }
        this.name = name;
        this.jar = jar;
        this.config = new TreeMap<>(config);
        this.port = Processes.freePort();
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        this.log = logDir.resolve(name + ".log");
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** Starts the JVM and waits until {@code /q/health/ready} answers 200. */
    public synchronized ServiceProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> cmd = new ArrayList<>();
        String nativeImage = System.getProperty("native.image.path");
        if (nativeImage != null) {
            cmd.add(Path.of(nativeImage).toAbsolutePath().toString());
        } else {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        }
        config.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        cmd.add("-Dquarkus.http.port=" + port);
        if (nativeImage == null) {
            cmd.addAll(List.of("-jar", jar.toString()));
        }
        try {
            Files.writeString(
                    log,
                    "=== starting " + name + " on port " + port + "\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        process = Processes.start(log, cmd);
        awaitReady(Duration.ofSeconds(90));
        return this;
    }

    /** SIGTERM: a graceful shutdown, as in a rolling update. */
    public synchronized void stop() {
        Processes.stop(process);
        process = null;
    }

    /** SIGKILL: the replica crashes; nothing runs its shutdown hooks. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The readiness document, or null when the service does not answer. */
    public String readiness() {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during startup:\n" + Processes.tail(log));
            }
            if (readiness() != null) {
                return;
            }
            Processes.sleep(200);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + Processes.tail(log));
    }

    @Override
    public void close() {
        stop();
    }
}
