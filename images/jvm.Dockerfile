# product, chat and notify in JVM mode: one file for the three services.
# Build context: the service's module directory after `./mvnw package` (Quarkus' fast-jar in target/quarkus-app;
# `./market` packages the aot-jar instead where it runs the services on a JDK >= 24 — the same folders, a plain
# class path, which runs on this image's JRE 17 too, without an AOT cache):
#   ./mvnw -B package -DskipTests -pl product -am
#   podman build -f images/jvm.Dockerfile -t ghcr.io/ddangn-market/product:0.1.0 product
# `./market images` does both for every image; skaffold and .github/workflows/release.yaml use this file too.
#
# BASE_IMAGE: any image with a Java 17+ runtime `java` on the PATH. The default is the usual public one; where no
# registry answers, ./market images builds images/local/jre.Containerfile (Debian's OpenJDK 17) and passes it.
ARG BASE_IMAGE=docker.io/library/eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

# Fast-jar layers, from the least to the most often changed: a code change rebuilds app/ and quarkus/ (a few
# hundred KB), never the ~70 MB of dependencies in lib/.
COPY --chown=1001:0 target/quarkus-app/lib/ /deployments/lib/
COPY --chown=1001:0 target/quarkus-app/*.jar /deployments/
COPY --chown=1001:0 target/quarkus-app/quarkus/ /deployments/quarkus/
COPY --chown=1001:0 target/quarkus-app/app/ /deployments/app/

WORKDIR /deployments
ENV LANG=C.UTF-8 \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8080
EXPOSE 8080
# Numeric non-root user in group 0 (arbitrary-UID platforms such as OpenShift). The chart runs it with a
# read-only root, all capabilities dropped and an emptyDir at /tmp; the probes use /q/health/{started,live,ready}.
# Extra JVM flags: JDK_JAVA_OPTIONS (read by the java launcher). The heap follows the container's memory limit.
USER 1001:0
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", \
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar", "/deployments/quarkus-run.jar"]
