#!/bin/sh
# The upstream image's settings (S3PROXY_*, JCLOUDS_*, LOG_LEVEL) as S3Proxy system properties.
set -eu
# shellcheck disable=SC2086 # JAVA_OPTS is a list of JVM options, split on purpose (as the upstream image does)
exec java ${JAVA_OPTS:-} -DLOG_LEVEL="${LOG_LEVEL:-info}" \
  -Ds3proxy.endpoint="${S3PROXY_ENDPOINT:-http://0.0.0.0:80}" \
  -Ds3proxy.authorization="${S3PROXY_AUTHORIZATION:-aws-v2-or-v4}" \
  -Ds3proxy.identity="${S3PROXY_IDENTITY:-local-identity}" \
  -Ds3proxy.credential="${S3PROXY_CREDENTIAL:-local-credential}" \
  -Ds3proxy.ignore-unknown-headers="${S3PROXY_IGNORE_UNKNOWN_HEADERS:-false}" \
  -Djclouds.provider="${JCLOUDS_PROVIDER:-filesystem}" \
  -Djclouds.filesystem.basedir="${JCLOUDS_FILESYSTEM_BASEDIR:-/data}" \
  -jar /opt/s3proxy/s3proxy.jar --properties /dev/null
