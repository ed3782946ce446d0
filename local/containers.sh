# shellcheck shell=bash
# Sourced by ./market: the images (./market images) and the container stack (./market up|test|down|status|logs
# --containers). Everything runs under podman, rootful, on the network "ddangn-market"; containers and images are
# named ddangn-market-* / localhost/ddangn-market/* so that only ours are ever touched; data lives in
# $MARKET_HOME/containers/volumes (one directory per PersistentVolumeClaim of the chart).
#
# What runs is local/containers/stack.json: the chart rendered with local/containers/values.yaml (generated and
# checked by deploy/src/test/java/market/deploy/ContainerStackTest.java), so each container has the image,
# command, env, user, read-only root, dropped capabilities, files and probe its pod has in the chart.

IMG=localhost/ddangn-market
CTR_NET=ddangn-market
CTR_SUBNET_PREFIX=10.89.77
CTR_HOME=$MARKET_HOME/containers
CTR_STACK=$ROOT/local/containers/stack.json
# podman needs two settings on machines like this one (no CAP_SYS_RESOURCE, cgroup v1 in hybrid mode): see
# images/local/containers.conf. Set CONTAINERS_CONF yourself to use another file.
export CONTAINERS_CONF=${CONTAINERS_CONF:-$ROOT/images/local/containers.conf}
APP_VERSION=$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$ROOT/helm/ddangn-market/Chart.yaml")
# The parts of the container stack (CTR_PARTS, CTR_APPS), their addresses and host ports: the table of parts in
# ./market ("container" and "ip" columns).
ctr_part() { [ -n "$1" ] && [ -n "${CTR_IP_SUFFIX[$1]+set}" ]; }
ctr_ip() { ctr_part "$1" && echo "$CTR_SUBNET_PREFIX.${CTR_IP_SUFFIX[$1]}"; }
# Host ports (127.0.0.1 only): the same as the process stack, so the stack and browser tests run unchanged.
ctr_host_port() { ctr_part "$1" && [ "${CTR_PORT[$1]}" != - ] && echo "${CTR_PORT[$1]}"; }

ctr_name() { echo "ddangn-market-$1"; }
# The chart workload a part runs: chat-2 is the second pod of Deployment chat.
ctr_workload() { echo "${1%-[0-9]}"; }

# ---------------------------------------------------------------- podman and the local bases

ensure_podman() {
  # Named explicitly: with --no-install-recommends podman alone may come with CNI instead of netavark (no DNS
  # for container names) and without iptables (no published ports).
  local p want=()
  for p in podman runc netavark aardvark-dns iptables skopeo debootstrap; do
    dpkg -s "$p" > /dev/null 2>&1 || want+=("$p")
  done
  [ ${#want[@]} -gt 0 ] && ensure_packages "${want[@]}"
  is_root || die "the container stack runs rootful podman: run ./market as root (or with sudo)"
  return 0
}

# A base image the script makes itself where no registry answers: Debian bookworm (minbase) from the machine's
# Debian mirror, imported into podman.
ensure_debian_base() {
  podman image exists "$IMG/base:bookworm" && return 0
  local mirror rootfs=$CTR_HOME/rootfs
  mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -1 || true)
  [ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $3 == "bookworm" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
  say "making the Debian base image with debootstrap from $mirror (~80 s, log: $LOGS/debootstrap.log)"
  rm -rf "$rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" > "$LOGS/debootstrap.log" 2>&1 \
    || { tail -20 "$LOGS/debootstrap.log"; die "debootstrap failed"; }
  tar -C "$rootfs" --exclude='./var/cache/apt/archives/*.deb' --exclude='./var/lib/apt/lists/*' -c . \
    | podman import --change 'CMD ["/bin/bash"]' - "$IMG/base:bookworm" > /dev/null
  rm -rf "$rootfs"
}

# Does a public registry answer? Then the Dockerfiles' default bases are used; otherwise local stand-ins.
# MARKET_IMAGE_BASES=public|local forces one.
public_registry() {
  case ${MARKET_IMAGE_BASES:-auto} in public) return 0 ;; local) return 1 ;; esac
  timeout 20 skopeo inspect --retry-times 0 docker://docker.io/library/eclipse-temurin:17-jre > /dev/null 2>&1
}

IMAGES_TSV=
# build_image <name> <tag> <containerfile> <context> [build args...]: builds and records size and time.
build_image() {
  local name=$1 tag=$2 file=$3 ctx=$4; shift 4
  local t0=$SECONDS args=() a
  for a in "$@"; do args+=(--build-arg "$a"); done
  podman build --layers -q -f "$file" "${args[@]}" -t "$IMG/$name:$tag" "$ctx" > "$LOGS/image-$name.log" 2>&1 \
    || { tail -30 "$LOGS/image-$name.log"; die "image $name failed to build (log: $LOGS/image-$name.log)"; }
  local size; size=$(podman image inspect --format '{{.Size}}' "$IMG/$name:$tag")
  printf '%s\t%s\t%s\t%s\n' "$IMG/$name:$tag" "$((size / 1000000))" "$((SECONDS - t0))" "$file" >> "$IMAGES_TSV"
  printf '  %-45s %5s MB %4s s\n' "$IMG/$name:$tag" "$((size / 1000000))" "$((SECONDS - t0))"
}

# ---------------------------------------------------------------- ./market images

cmd_images() {
  mkdir -p "$LOGS" "$CTR_HOME"
  ensure_packages
  ensure_podman
  ensure_dist
  build_services || true
  build_frontend
  IMAGES_TSV=$CTR_HOME/images.tsv
  printf 'image\tMB\tseconds\tfile\n' > "$IMAGES_TSV"
  local t0=$SECONDS jre nginx kc
  # The local bases: the stand-ins below and the gateway run on them whatever the chart's images use.
  ensure_debian_base
  build_image base-jre 17 "$ROOT/images/local/jre.Containerfile" "$ROOT/images/local"
  build_image base-nginx bookworm "$ROOT/images/local/nginx.Containerfile" "$ROOT/images/local"
  if public_registry; then
    say "a registry answers: the chart's images are built on the Dockerfiles' public bases"
    jre=docker.io/library/eclipse-temurin:17-jre nginx=docker.io/nginxinc/nginx-unprivileged:1.27-alpine
    kc=quay.io/keycloak/keycloak:$KEYCLOAK_VERSION
  else
    say "no registry answers: the chart's images are built on the local bases (images/local)"
    # Keycloak's own distribution laid out as its upstream image.
    local kctx=$CTR_HOME/context-keycloak-$KEYCLOAK_VERSION
    if [ ! -x "$kctx/keycloak/bin/kc.sh" ]; then
      rm -rf "$kctx" && mkdir -p "$kctx"
      unzip -q "$DIST/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" -d "$kctx"
      mv "$kctx/keycloak-$KEYCLOAK_VERSION" "$kctx/keycloak"
    fi
    cp "$ROOT/images/local/keycloak-dist.Containerfile" "$kctx/Containerfile"
    build_image keycloak-dist "$KEYCLOAK_VERSION" "$kctx/Containerfile" "$kctx"
    jre=$IMG/base-jre:17 nginx=$IMG/base-nginx:bookworm kc=$IMG/keycloak-dist:$KEYCLOAK_VERSION
  fi
  # What the chart bundles for trials (PostgreSQL, Redis, S3Proxy) comes from public images in a cluster; the
  # container stack runs these equivalents, built here from Debian and Maven Central.
  build_image postgres 15 "$ROOT/images/local/postgres.Containerfile" "$ROOT/images/local"
  build_image redis 7 "$ROOT/images/local/redis.Containerfile" "$ROOT/images/local"
  local sctx=$CTR_HOME/context-s3proxy
  mkdir -p "$sctx"
  cp "$DIST/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar" "$sctx/s3proxy.jar"
  cp "$ROOT/images/local/s3proxy-run.sh" "$ROOT/images/local/s3proxy.Containerfile" "$sctx/"
  build_image s3proxy "$S3PROXY_VERSION" "$sctx/s3proxy.Containerfile" "$sctx" "BASE_IMAGE=$IMG/base-jre:17"
  # The images the chart deploys.
  build_image keycloak "$APP_VERSION" "$ROOT/images/keycloak.Dockerfile" "$ROOT/images" "KEYCLOAK_IMAGE=$kc"
  local s
  for s in "${SERVICES[@]}"; do
    build_image "$s" "$APP_VERSION" "$ROOT/images/jvm.Dockerfile" "$ROOT/$s" "BASE_IMAGE=$jre"
  done
  build_image frontend "$APP_VERSION" "$ROOT/frontend/Dockerfile" "$ROOT/frontend" "BASE_IMAGE=$nginx"
  for s in keycloak "${SERVICES[@]}" frontend; do podman tag "$IMG/$s:$APP_VERSION" "$IMG/$s:dev"; done
  say "images built in $((SECONDS - t0)) s (sizes and times: $IMAGES_TSV)"
}

# ---------------------------------------------------------------- the container stack

ctr_running() { [ "$(podman inspect --format '{{.State.Running}}' "$(ctr_name "$1")" 2>/dev/null)" = true ]; }

# Per-machine secrets for the @secret:<name>@ placeholders of stack.json.
ctr_stack_json() {
  local sdir=$CTR_HOME/secrets name expr=''
  mkdir -p "$sdir" && chmod 700 "$CTR_HOME" "$sdir"
  while read -r name; do
    expr+="s/@secret:$name@/$(secret_file "$sdir/$name" 18)/g;"
  done < <(grep -o '@secret:[a-z0-9-]*@' "$CTR_STACK" | sort -u | sed 's/@secret:\(.*\)@/\1/')
  sed "$expr" "$CTR_STACK"
}

ctr_part_json() { # part -> the first container of its workload
  jq -c --arg w "$(ctr_workload "$1")" '.parts[] | select(.name == $w)' "$CTR_HOME/stack.json"
}

# podman run arguments for one container of stack.json ($1: its JSON), NUL-separated (env values may hold
# newlines): its settings and mounts, then its image and what it runs; files of ConfigMap/Secret mounts are
# written under $2, owned by the container's user only.
ctr_run_args() {
  local c=$1 files=$2 part=$3
  local user; user=$(jq -r .user <<<"$c")
  jq -j '
    (if .user != "" then "--user\u0000\(.user)\u0000" else "" end),
    (if .readOnlyRootFilesystem then "--read-only\u0000--read-only-tmpfs=false\u0000" else "" end),
    (.dropCapabilities[] | "--cap-drop\u0000\(.)\u0000"),
    (if .allowPrivilegeEscalation == false then "--security-opt\u0000no-new-privileges\u0000" else "" end),
    (if .memoryLimit != "" then "--memory\u0000\(.memoryLimit)\u0000" else "" end),
    (if .cpuLimit != "" then "--cpus\u0000\(.cpuLimit)\u0000" else "" end),
    (.env | to_entries[] | "--env\u0000\(.key)=\(.value)\u0000")' <<<"$c"
  local n m path type ro i=0
  n=$(jq '.mounts | length' <<<"$c")
  while [ "$i" -lt "$n" ]; do
    m=$(jq -c ".mounts[$i]" <<<"$c"); i=$((i + 1))
    path=$(jq -r .path <<<"$m"); type=$(jq -r .type <<<"$m"); ro=
    [ "$(jq -r .readOnly <<<"$m")" = true ] && ro=ro
    case $type in
      # an emptyDir: as the kubelet makes it, a fresh world-writable directory on the host (a podman tmpfs
      # takes the owner and mode of the image's directory instead)
      tmpfs) local empty=$files/empty-$i; rm -rf "$empty"; mkdir -p "$empty"; chmod 1777 "$empty"
        printf '%s\0' --volume "$empty:$path${ro:+:$ro}" ;;
      # a PersistentVolumeClaim: a directory under $MARKET_HOME (like the process stack's data, wiped by
      # ./market reset, and always matching the secrets generated there), owned by the container's user
      volume) local vdir; vdir=$CTR_HOME/volumes/$(ctr_workload "$part")-$(jq -r .volume <<<"$m"); mkdir -p "$vdir"
        printf '%s\0' --volume "$vdir:$path:U${ro:+,$ro}" ;;
      files)
        local dir=$files/$i f; rm -rf "$dir"; mkdir -p "$dir"
        while IFS= read -r -d '' f; do jq -j --arg f "$f" '.files[$f]' <<<"$m" > "$dir/$f"; done \
          < <(jq -j '.files | keys[] | . + "\u0000"' <<<"$m")
        ctr_own "$dir" "$user"
        printf '%s\0' --volume "$dir:$path:ro" ;;
      file)
        mkdir -p "$files/file-$i"; jq -j .content <<<"$m" > "$files/file-$i/content"; ctr_own "$files/file-$i" "$user"
        printf '%s\0' --volume "$files/file-$i/content:$path:ro" ;;
      *) die "mount type $type of $part not supported" ;;
    esac
  done
  # As Kubernetes runs it: command, if any, replaces the image's entrypoint; args follow.
  jq -j '(if (.command | length) > 0 then "--entrypoint\u0000\(.command[0])\u0000" else "" end),
    "\(.image)\u0000", ((.command[1:] + .args)[] | "\(.)\u0000")' <<<"$c"
}

# Files only the container's user can read (they hold passwords and client secrets).
ctr_own() {
  if [ -n "$2" ]; then chown -R "$2" "$1" && chmod -R u+rwX,go-rwx "$1"; else chmod -R a+rX "$1"; fi
}

# The arguments, checked: a failed jq must not start a container without its hardening.
ctr_args_into() { # array-name container-json files part
  local out=$CTR_HOME/args.$$
  ctr_run_args "$2" "$3" "$4" > "$out" || { rm -f "$out"; die "could not read the settings of $4 from stack.json"; }
  mapfile -d '' -t "$1" < "$out"
  rm -f "$out"
}

ctr_start() {
  local part=$1 w c name ip files
  w=$(ctr_part_json "$part"); name=$(ctr_name "$part"); ip=$(ctr_ip "$part")
  # Running from the image just built with the same settings: nothing to do; otherwise replaced.
  local spec
  if [ "$part" = gateway ]; then spec=$(podman image inspect --format '{{.Id}}' "$IMG/base-nginx:bookworm")$(cat "$ROOT/local/routes.tsv")
  else spec=$(podman image inspect --format '{{.Id}}' "$(jq -r '.containers[0].image' <<<"$w")")$w; fi
  spec=$(printf '%s' "$spec" | sha256sum | cut -c1-16)
  if ctr_running "$part"; then
    [ "$(podman inspect --format '{{index .Config.Labels "ddangn-market.spec"}}' "$name")" = "$spec" ] && return 0
    say "replacing $part (new image or settings)"
  fi
  podman rm -f -t 0 "$name" > /dev/null 2>&1 || true
  if [ "$part" = gateway ]; then ctr_start_gateway "$spec"; return; fi
  files=$CTR_HOME/files/$part
  local publish=() hp
  hp=$(ctr_host_port "$part" 2>/dev/null) && publish=(--publish "127.0.0.1:$hp:$(jq -r '.containers[0].ports[0]' <<<"$w")")
  # Init containers first (the S3 store's bucket directory), each to completion.
  local k ni
  ni=$(jq '.initContainers | length' <<<"$w")
  local args=()
  for ((k = 0; k < ni; k++)); do
    c=$(jq -c ".initContainers[$k]" <<<"$w")
    ctr_args_into args "$c" "$files/init$k" "$part"
    podman run --rm --pull=never --name "$name-init" --network "$CTR_NET" "${args[@]}" > "$LOGS/$part-init.log" 2>&1 \
      || { cat "$LOGS/$part-init.log"; die "init container of $part failed"; }
  done
  c=$(jq -c '.containers[0]' <<<"$w")
  ctr_args_into args "$c" "$files" "$part"
  # Every pod of a workload answers at its Service's name (both chat replicas at "chat").
  podman run -d --pull=never --name "$name" --hostname "$part" --network "$CTR_NET" --ip "$ip" \
    --network-alias "$(ctr_workload "$part")" --label app.kubernetes.io/part-of=ddangn-market --label "ddangn-market.spec=$spec" \
    "${publish[@]}" "${args[@]}" > /dev/null \
    || die "podman could not start $part"
}

# The gateway stands in for the Ingress: the same route table (local/routes.tsv) as the process stack's, with
# each backend at its Service name and "/" going to the frontend container, as the Ingress sends it.
ctr_start_gateway() {
  local dir=$CTR_HOME/gateway
  mkdir -p "$dir"
  GW_MODE=containers GW_DIR_IN=/etc/gateway GW_DIR=$dir gateway_conf
  chmod -R a+rX "$dir"
  podman run -d --pull=never --name "$(ctr_name gateway)" --hostname gateway --network "$CTR_NET" --ip "$(ctr_ip gateway)" \
    --label app.kubernetes.io/part-of=ddangn-market --label "ddangn-market.spec=$1" --publish "127.0.0.1:$GATEWAY_PORT:8080" \
    --user 101:101 --read-only --read-only-tmpfs=false --tmpfs /tmp:rw,mode=1777 --cap-drop ALL \
    --security-opt no-new-privileges --volume "$dir:/etc/gateway:ro" \
    "$IMG/base-nginx:bookworm" nginx -e /dev/stderr -c /etc/gateway/nginx.conf -g 'daemon off;' > /dev/null \
    || die "podman could not start the gateway"
}

# Readiness as the chart's probe says, from the host to the container's address (exec probes inside it).
ctr_health() {
  local part=$1 w c type ip
  ctr_running "$part" || { echo STOPPED; return; }
  ip=$(ctr_ip "$part")
  if [ "$part" = gateway ]; then
    curl -fsS -o /dev/null --max-time 5 "http://$ip:8080/" 2>/dev/null && echo UP || echo DOWN; return
  fi
  w=$(ctr_part_json "$part"); c=$(jq -c '.containers[0].probe' <<<"$w"); type=$(jq -r .type <<<"$c")
  case $type in
    http) curl -fsS -o /dev/null --max-time 5 "http://$ip:$(jq -r .port <<<"$c")$(jq -r .path <<<"$c")" 2>/dev/null && echo UP || echo DOWN ;;
    tcp) timeout 5 bash -c "exec 3<>/dev/tcp/$ip/$(jq -r .port <<<"$c")" 2>/dev/null && echo UP || echo DOWN ;;
    exec) local argv=(); mapfile -t argv < <(jq -r '.command[]' <<<"$c")
      timeout 10 podman exec "$(ctr_name "$part")" "${argv[@]}" > /dev/null 2>&1 && echo UP || echo DOWN ;;
    *) echo UP ;;
  esac
}

ctr_await() {
  local part=$1 timeout=$2 waited=0
  while [ "$(ctr_health "$part")" != UP ]; do
    if ! ctr_running "$part"; then
      podman logs --tail 40 "$(ctr_name "$part")" >&2 2>&1 || true
      die "$part exited during start-up (./market logs $part --containers)"
    fi
    [ $waited -ge "$timeout" ] && { podman logs --tail 40 "$(ctr_name "$part")" >&2 2>&1; die "$part not ready after ${timeout}s"; }
    sleep 1; waited=$((waited + 1))
  done
}

ctr_stop() {
  local part=$1 name; name=$(ctr_name "$part")
  podman container exists "$name" || return 0
  podman stop -t 30 "$name" > /dev/null 2>&1 || true
  podman rm -f -t 0 "$name" > /dev/null 2>&1 || true
  say "stopped container $name"
}

ctr_up() {
  local t0=$SECONDS
  mkdir -p "$RUN" "$LOGS" "$CTR_HOME"
  # Keycloak's public URL (the token issuer) is the chart's publicUrl in local/containers/values.yaml.
  [ "$GATEWAY_PORT" = 8080 ] || die "the container stack's public URL is http://localhost:8080 (GATEWAY_PORT must be 8080)"
  local p
  for p in "${PARTS[@]}"; do alive "$p" && die "the process stack is running (./market down first)"; done
  cmd_images
  (umask 077; ctr_stack_json > "$CTR_HOME/stack.json.new") && mv "$CTR_HOME/stack.json.new" "$CTR_HOME/stack.json"
  podman network exists "$CTR_NET" || podman network create --subnet "$CTR_SUBNET_PREFIX.0/24" "$CTR_NET" > /dev/null
  echo containers > "$MARKET_HOME/mode"
  for p in postgresql redis s3; do ctr_start "$p"; done
  ctr_await postgresql 120; ctr_await redis 60; ctr_await s3 120
  ctr_keycloak_database
  ctr_start keycloak
  for p in "${CTR_APPS[@]}"; do ctr_start "$p"; done
  ctr_await keycloak 300
  keycloak_console_on_own_port
  for p in "${CTR_APPS[@]}"; do ctr_await "$p" 240; done
  ctr_start gateway
  ctr_await gateway 30
  cat <<EOF

  ddangn-market is up as containers in $((SECONDS - t0)) s:   http://localhost:$GATEWAY_PORT

  the images the chart deploys (localhost/ddangn-market/*:$APP_VERSION), under podman on network $CTR_NET
  demo logins (user / password):  alice / alice   bob / bob   admin / admin (admin console)
  Keycloak admin console:          http://127.0.0.1:$KEYCLOAK_PORT/auth/admin/master/console/  (kcadmin / kcadmin)
  status / logs / stop:            ./market status | ./market logs <part> | ./market down   (podman ps)

EOF
}

# Keycloak imports the realm only into an empty database (an existing realm is never re-imported): when the
# realm the chart renders changes, Keycloak's database starts over, as the process stack's does.
ctr_keycloak_database() {
  local sum f=$CTR_HOME/realm.sha256
  sum=$(jq -c '.parts[] | select(.name == "keycloak") | .containers[0].mounts' "$CTR_STACK" | sha256sum | cut -d' ' -f1)
  [ "$(cat "$f" 2>/dev/null)" = "$sum" ] && return 0
  if [ -s "$f" ]; then
    say "the realm changed: Keycloak's database starts over"
    podman rm -f -t 10 "$(ctr_name keycloak)" > /dev/null 2>&1 || true
    podman exec "$(ctr_name postgresql)" sh -c 'psql -v ON_ERROR_STOP=1 -h /var/run/postgresql -U "$POSTGRES_USER" -d postgres \
      -c "DROP DATABASE IF EXISTS keycloak WITH (FORCE)" -c "CREATE DATABASE keycloak"' > /dev/null \
      || die "could not reset Keycloak's database"
  fi
  echo "$sum" > "$f"
}

ctr_down() {
  local i
  for ((i = ${#CTR_PARTS[@]} - 1; i >= 0; i--)); do ctr_stop "${CTR_PARTS[$i]}"; done
  rm -f "$MARKET_HOME/mode"
}

ctr_status() {
  printf '%-10s %-22s %-16s %-9s %s\n' PART ADDRESS HOST-PORT STATE CONTAINER
  local p hp port
  for p in "${CTR_PARTS[@]}"; do
    hp=$(ctr_host_port "$p" 2>/dev/null) || hp=-
    port=8080
    [ "$p" = gateway ] || port=$(ctr_part_json "$p" 2>/dev/null | jq -r '.containers[0].ports[0]' 2>/dev/null) || port='?'
    printf '%-10s %-22s %-16s %-9s %s\n' "$p" "$(ctr_workload "$p"):$port" "127.0.0.1:$hp" "$(ctr_health "$p")" "$(ctr_name "$p")"
  done
}

ctr_logs() {
  local part=$1
  ctr_part "$part" || die "usage: ./market logs <${CTR_PARTS[*]}>"
  if [ -t 1 ]; then podman logs --tail 200 -f "$(ctr_name "$part")"; else podman logs --tail 200 "$(ctr_name "$part")" 2>&1; fi
}

# restart in the container stack kills the container (SIGKILL, no shutdown hook) and starts it again.
ctr_restart() {
  local part=$1
  ctr_part "$part" || die "usage: ./market restart <${CTR_PARTS[*]}>"
  podman kill -s KILL "$(ctr_name "$part")" > /dev/null 2>&1 || true
  podman rm -f -t 0 "$(ctr_name "$part")" > /dev/null 2>&1 || true
  say "killed container $(ctr_name "$part")"
  ctr_start "$part"
  ctr_await "$part" 300
  say "started $part again"
}
