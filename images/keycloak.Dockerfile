# Keycloak with the marketplace's build options already applied (`kc.sh build`), so it starts with
# `start --optimized` on a read-only root file system (no rebuild at start, which would need a writable /opt).
# Build context: images/ (nothing is copied from it).
#   podman build -f images/keycloak.Dockerfile -t ghcr.io/ddangn-market/keycloak:0.1.0 images
# KEYCLOAK_IMAGE: the upstream Keycloak image. Where no registry answers, ./market images builds
# images/local/keycloak-dist.Containerfile from Keycloak's own distribution (Maven Central) and passes it.
ARG KEYCLOAK_IMAGE=quay.io/keycloak/keycloak:26.5.6
FROM ${KEYCLOAK_IMAGE} AS build
# The chart and the container stack pass the same values at run time (they must match, or --optimized refuses).
ENV KC_DB=postgres \
    KC_HEALTH_ENABLED=true \
    KC_METRICS_ENABLED=true \
    KC_HTTP_RELATIVE_PATH=/auth
RUN /opt/keycloak/bin/kc.sh build

FROM ${KEYCLOAK_IMAGE}
# Only what `kc.sh build` writes: the augmented Quarkus application and its recorded build options.
COPY --from=build /opt/keycloak/lib/quarkus/ /opt/keycloak/lib/quarkus/
ENV KC_DB=postgres \
    KC_HEALTH_ENABLED=true \
    KC_METRICS_ENABLED=true \
    KC_HTTP_RELATIVE_PATH=/auth
# Keycloak's own user; data/ (tmp, the realm import) is the only writable path (an emptyDir in the chart).
USER 1000:0
EXPOSE 8080 9000
ENTRYPOINT ["/opt/keycloak/bin/kc.sh"]
CMD ["start", "--optimized"]
