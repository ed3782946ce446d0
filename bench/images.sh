#!/usr/bin/env bash
# Image sizes, build times and what a code change costs (fast-jar layers), with podman on this machine.
#   bench/images.sh            sizes and times of the last ./market images (.market/containers/images.tsv),
#                              the layers of the product image, then a one-line code change in product rebuilt
#                              and the layers it added.
# Baseline in the same run: the same build with nothing changed (every layer from cache).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# ./market's settings (functions only, no command): MARKET_HOME, the images' names (IMG) and tag (the chart's
# appVersion, APP_VERSION), CONTAINERS_CONF.
# shellcheck source=market
. "$ROOT/market"
TAG=$APP_VERSION
TSV=$CTR_HOME/images.tsv
[ -f "$TSV" ] || { echo "run ./market images first" >&2; exit 1; }

echo "## images (last ./market images)"
column -t -s $'\t' "$TSV"
echo
echo "## layers of $IMG/product:$TAG (newest first)"
podman history --format '{{.Size}}\t{{.CreatedBy}}' "$IMG/product:$TAG" | head -8 | cut -c1-140

build_product() { # -> seconds
  local t0; t0=$(date +%s%N)
  podman build --layers -q -f "$ROOT/images/jvm.Dockerfile" --build-arg "BASE_IMAGE=$JRE" -t "$IMG/product:bench" "$ROOT/product" > /dev/null
  awk -v d=$(( $(date +%s%N) - t0 )) 'BEGIN { printf "%.1f\n", d / 1e9 }'
}
JRE=$(podman image exists docker.io/library/eclipse-temurin:17-jre && echo docker.io/library/eclipse-temurin:17-jre || echo "$IMG/base-jre:17")
echo
build_product > /dev/null   # the image of the current build, once
echo "## baseline: product image rebuilt with nothing changed"
echo "seconds: $(build_product)"
before=$(podman inspect --format '{{range .RootFS.Layers}}{{.}} {{end}}' "$IMG/product:bench")

# A one-line code change: the class file of one resource differs (line numbers shift).
f=$ROOT/product/src/main/java/market/product/api/CategoryResource.java
# shellcheck disable=SC2012 # Java source file names: no odd characters to mangle
[ -f "$f" ] || f=$(ls "$ROOT"/product/src/main/java/market/product/api/*.java | head -1)
cp "$f" "$f.bench-orig"
trap 'mv "$f.bench-orig" "$f"; (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl product -am > /dev/null)' EXIT
sed -i '1s/^/\n/' "$f"
(cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl product -am > /dev/null)
echo
echo "## after a one-line change in $(basename "$f") (./mvnw package, then the image)"
echo "seconds: $(build_product)"
after=$(podman inspect --format '{{range .RootFS.Layers}}{{.}} {{end}}' "$IMG/product:bench")
new=$(comm -13 <(tr ' ' '\n' <<<"$before" | grep . | sort) <(tr ' ' '\n' <<<"$after" | grep . | sort) | wc -l)
echo "layers changed: $new of $(wc -w <<<"$after") (the rest, base and dependencies, reused as they were)"
podman history --format '{{.Size}}\t{{.CreatedBy}}' "$IMG/product:bench" | head -4 | cut -c1-140
podman rmi "$IMG/product:bench" > /dev/null
