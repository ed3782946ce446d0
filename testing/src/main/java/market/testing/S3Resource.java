package market.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * S3Proxy (a real S3-compatible HTTP server with AWS v2/v4 signature checks, filesystem backend) as a separate
 * JVM on loopback, with the images bucket created and a random secret: like real S3, it refuses anonymous and
 * wrongly signed requests, so the service's credentials are really used.
 */
public class S3Resource implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "market-images";
    public static final String ACCESS_KEY = "market-test";
    /** Init arg: the service's configuration key for the bucket name (product: market.images.bucket). */
    public static final String BUCKET_PROPERTY = "bucket-property";

    private Process process;
    private Path dir;
    private String bucketProperty = "market.images.bucket";

    @Override
    public void init(Map<String, String> initArgs) {
        bucketProperty = initArgs.getOrDefault(BUCKET_PROPERTY, bucketProperty);
    }

    @Override
    public Map<String, String> start() {
        int port = Processes.freePort();
        byte[] random = new byte[20];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        Path conf;
        try {
            dir = Files.createTempDirectory("market-test-s3-");
            Files.createDirectories(
                    dir.resolve("store").resolve(BUCKET),
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            conf = dir.resolve("s3proxy.conf");
            Files.writeString(
                    conf,
                    String.join(
                            "\n",
                            "s3proxy.endpoint=http://127.0.0.1:" + port,
                            "s3proxy.authorization=aws-v2-or-v4",
                            "s3proxy.identity=" + ACCESS_KEY,
                            "s3proxy.credential=" + secret,
                            // the AWS SDK's default CRC32 checksum headers, which S3Proxy does not implement
                            "s3proxy.ignore-unknown-headers=true",
                            "jclouds.provider=filesystem",
                            "jclouds.filesystem.basedir=" + dir.resolve("store"),
                            ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = dir.resolve("s3proxy.log");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The filesystem backend serves a bucket or object to anonymous readers when its file is readable by
        // "others": with umask 077 nothing ever is, so the bucket stays private as on S3.
        process = Processes.start(
                log,
                List.of(
                        "sh",
                        "-c",
                        "umask 077 && exec \"$0\" \"$@\"",
                        javaBin,
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-DLOG_LEVEL=warn",
                        "-jar",
                        jar(),
                        "--properties",
                        conf.toString()));
        Processes.awaitPort(port, Duration.ofSeconds(90), process, log);
        return Map.of(
                "quarkus.s3.endpoint-override",
                "http://127.0.0.1:" + port,
                "quarkus.s3.path-style-access",
                "true",
                "quarkus.s3.aws.region",
                "us-east-1",
                "quarkus.s3.aws.credentials.type",
                "static",
                "quarkus.s3.aws.credentials.static-provider.access-key-id",
                ACCESS_KEY,
                "quarkus.s3.aws.credentials.static-provider.secret-access-key",
                secret,
                bucketProperty,
                BUCKET);
    }

    @Override
    public void stop() {
        Processes.stop(process);
        Processes.deleteTree(dir);
    }

    private static String jar() {
        String configured = System.getProperty("markettest.s3proxy.jar");
        if (configured != null && Files.exists(Path.of(configured))) {
            return configured;
        }
        throw new IllegalStateException("S3Proxy jar not found (system property markettest.s3proxy.jar=" + configured
                + "); build the 'testing' module first so Maven fetches it");
    }
}
