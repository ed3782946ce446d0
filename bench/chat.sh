#!/usr/bin/env bash
# Chat fan-out across two chat instances through Redis, against redis-benchmark PUBLISH measured in the same run.
# Needs the local stack (./market up) and a built chat jar. Starts two extra chat instances of its own
# (ports 18082 and 18092, the same settings as ./market's), and stops them by pid at the end.
# Users: connections = 2 x rooms real Keycloak users chat-bench-0001… (created once through the Keycloak
# admin API, kcadmin/kcadmin; a password grant each per run). Room r: seller chat-bench-(2r-1) sells a
# listing 'chat-bench listing' (created once through the product API), buyer chat-bench-(2r) opens the room.
# Each user holds one connection: sellers on :18082, buyers on :18092, so every message crosses Redis.
# The client offers RATE msg/s open-loop but keeps at most INFLIGHT (env, default 16) unacked sends per
# connection; offers beyond that are counted as shed, so latency is measured at the rate actually carried.
# WARMUP=<s> (default 90): load first, not measured, at WARMUP_RATE msg/s (default 300). Both chat JVMs start
# with the bench and their JIT compilers are still busy for a minute or more (C2 took ~20 % of a core per
# replica 40 s after start): a cold replica carries ~400 msg/s, a warm one far more. The warm-up lets them
# compile at a rate they carry cold; WARMUP=10 WARMUP_RATE=<RATE> measures the cold start instead.
# KEEP_LOGS=<dir> keeps the two instances' logs (copied there at the end).
# CHAT_JAVA_OPTS: extra JVM options for the two instances (experiments, e.g. -XX:TieredStopAtLevel=1).
# usage: bench/chat.sh [connections, default 1000] [rooms, default 500] [seconds, default 60] [send rate msg/s, default 1000]
# shellcheck disable=SC2154 # the results (msg_per_s, p50, lost, ...) are set by 'declare $(grep ^RESULT ...)' below
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONNS=${1:-1000}
ROOMS=${2:-500}
SECS=${3:-60}
RATE=${4:-1000}
WARMUP=${WARMUP:-90}
WARMUP_RATE=${WARMUP_RATE:-300}
PORTS=(18082 18092)
PRODUCT=${PRODUCT_URL:-http://127.0.0.1:8081}
KC=${KEYCLOAK_URL:-http://127.0.0.1:8180/auth}
export PGHOST=127.0.0.1 PGPORT=${PG_PORT:-15432} PGUSER=market PGPASSWORD=market PGDATABASE=product
# shellcheck disable=SC2012 # version-numbered directories, sorted by version: no odd characters to mangle
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
JAR=$ROOT/chat/target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "$JAR missing: build chat first"; exit 1; }
command -v redis-benchmark >/dev/null || { echo "redis-benchmark is needed"; exit 1; }
{ [ "$SECS" -ge 5 ] && [ "$SECS" -le 600 ]; } || { echo "seconds must be 5..600"; exit 1; }
# access tokens live 5 minutes and signing 1,000 users in takes about a minute: resync catch-ups late in a
# longer run would get 401s
[ $((WARMUP + SECS)) -le 200 ] || echo "warning: warm-up + run > 200 s; the users' tokens (5 min) may expire before the end"
{ [ $((ROOMS % 2)) -eq 0 ] && [ "$ROOMS" -le 2000 ]; } || { echo "rooms must be even and <= 2000"; exit 1; }
curl -fsS "$PRODUCT/q/health/ready" >/dev/null || { echo "product not ready at $PRODUCT: run ./market up"; exit 1; }

tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; kill -9 "$p" 2>/dev/null || true; done
  [ -n "${KEEP_LOGS:-}" ] && cp "$tmp"/chat-*.log "$KEEP_LOGS"/ 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
# run a private copy: other work may rebuild chat/target while the bench runs
cp -r "$(dirname "$JAR")" "$tmp/app" && JAR=$tmp/app/quarkus-run.jar

[ "$CONNS" -eq $((2 * ROOMS)) ] || { echo "connections must be 2 x rooms (one seller and one buyer per room)"; exit 1; }
token() { curl -fsS -d grant_type=password -d client_id=market-test -d username="$1" -d password="$2" \
  "$KC/realms/market/protocol/openid-connect/token" | jq -r .access_token; }
admin_token() { curl -fsS -d grant_type=password -d client_id=admin-cli -d username=kcadmin -d password=kcadmin \
  "$KC/realms/master/protocol/openid-connect/token" | jq -r .access_token; }
export -f token
export KC
name() { printf 'chat-bench-%04d' "$1"; }

# Keycloak users, created once (each creation hashes a password: ~0.1-0.3 s of Keycloak CPU)
have=$(curl -fsS -H "Authorization: Bearer $(admin_token)" "$KC/admin/realms/market/users/count?search=chat-bench-")
if [ "$have" -lt "$CONNS" ]; then
  echo "creating Keycloak users chat-bench-0001..$(name "$CONNS") ($have exist)…"
  for ((from = 1; from <= CONNS; from += 100)); do
    ADM=$(admin_token) # master-realm admin tokens live 60 s: one per batch
    # shellcheck disable=SC2016 # $ADM, $KC and $code belong to the inner shell
    for ((i = from; i < from + 100 && i <= CONNS; i++)); do name "$i"; echo; done | ADM=$ADM xargs -P4 -I{} sh -c '
      code=$(curl -sS -o /dev/null -w "%{http_code}" -H "Authorization: Bearer $ADM" -H "Content-Type: application/json" \
        -d "{\"username\":\"{}\",\"enabled\":true,\"email\":\"{}@bench.invalid\",\"emailVerified\":true,\"firstName\":\"{}\",\"lastName\":\"bench\",\"credentials\":[{\"type\":\"password\",\"value\":\"{}\",\"temporary\":false}]}" \
        "$KC/admin/realms/market/users")
      [ "$code" = 201 ] || [ "$code" = 409 ] || { echo "creating {} failed: $code" >&2; exit 255; }'
  done
fi
# the two chat instances boot while the users sign in (access tokens live 5 minutes: sign in last)
for port in "${PORTS[@]}"; do
  # shellcheck disable=SC2086 # CHAT_JAVA_OPTS is a list of JVM options, split on purpose
  env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PGPORT/chat" \
    QUARKUS_OIDC_AUTH_SERVER_URL="$KC/realms/market" \
    QUARKUS_REDIS_HOSTS="redis://127.0.0.1:${REDIS_PORT:-16379}" \
    MARKET_CHAT_PRODUCT_URL="$PRODUCT" \
    MARKET_CHAT_NOTIFY_URL="http://127.0.0.1:${NOTIFY_PORT:-8083}" \
    QUARKUS_S3_ENDPOINT_OVERRIDE="http://127.0.0.1:${S3_PORT:-19090}" \
    QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY="$(cat "${MARKET_HOME:-$ROOT/.market}/s3-secret" 2>/dev/null || echo market)" \
    MARKET_RATE_LIMIT_ENABLED="${MARKET_RATE_LIMIT_ENABLED:-false}" \
    java -Xmx384m -XX:+UseSerialGC ${CHAT_JAVA_OPTS:-} \
      -Dquarkus.log.category.\"market.chat.service.Fanout\".level=DEBUG \
      -Dquarkus.log.category.\"market.chat.ws.LocalConnections\".level=DEBUG \
      -jar "$JAR" > "$tmp/chat-$port.log" 2>&1 &
  pids+=($!)
done
echo "signing in $CONNS users…"
mkdir -p "$tmp/tok"
# shellcheck disable=SC2016 # $0 is the inner shell's argument
for i in $(seq "$CONNS"); do name "$i"; echo; done | xargs -P4 -I{} bash -c 'token {} {} > "$0/tok/{}"' "$tmp"
sub_of() { cut -d. -f2 < "$tmp/tok/$1" | tr '_-' '/+' | { read -r s; while [ $(( ${#s} % 4 )) -ne 0 ]; do s="$s="; done; echo "$s"; } | base64 -d | jq -r .sub; }

# one listing per seller, created once through the product API
for r in $(seq "$ROOMS"); do echo "$(name $((2 * r - 1))) $(sub_of "$(name $((2 * r - 1)))")"; done > "$tmp/sellers"
"$PGBIN/psql" -tAF' ' -c "SELECT seller_id, max(id) FROM product WHERE title = 'chat-bench listing' AND deleted_at IS NULL AND status <> 'SOLD' GROUP BY seller_id" > "$tmp/listings"
missing=$(while read -r n sub; do grep -q "^$sub " "$tmp/listings" || echo "$n"; done < "$tmp/sellers")
if [ -n "$missing" ]; then
  echo "creating $(wc -w <<<"$missing") listings…"
  export PRODUCT
  # shellcheck disable=SC2016 # $0 and $(cat ...) belong to the inner shell
  # a listing needs a verified 동네: each seller verifies 역삼1동 from its point first
  tr ' ' '\n' <<<"$missing" | xargs -P4 -I{} sh -c 'curl -fsS -o /dev/null -H "Authorization: Bearer $(cat "$0/tok/{}")" -H "Content-Type: application/json" \
    -d "{\"lat\":37.49994,\"lng\":127.032,\"regionCode\":\"1168064000\"}" "$PRODUCT/api/me/region-verification" \
    && curl -fsS -o /dev/null -H "Authorization: Bearer $(cat "$0/tok/{}")" -H "Content-Type: application/json" \
    -d "{\"title\":\"chat-bench listing\",\"description\":\"bench listing\",\"price\":1000,\"category\":\"OTHER\"}" \
    "$PRODUCT/api/products" || { echo "creating the listing of {} failed" >&2; exit 255; }' "$tmp"
  "$PGBIN/psql" -tAF' ' -c "SELECT seller_id, max(id) FROM product WHERE title = 'chat-bench listing' AND deleted_at IS NULL AND status <> 'SOLD' GROUP BY seller_id" > "$tmp/listings"
fi
# rooms file: productId sellerToken buyerToken
for r in $(seq "$ROOMS"); do
  s=$(name $((2 * r - 1))); b=$(name $((2 * r)))
  pid=$(awk -v sub_="$(sed -n "${r}p" "$tmp/sellers" | cut -d' ' -f2)" '$1 == sub_ { print $2 }' "$tmp/listings")
  [ -n "$pid" ] || { echo "no listing for $s"; exit 1; }
  echo "$pid $(cat "$tmp/tok/$s") $(cat "$tmp/tok/$b")"
done > "$tmp/rooms"

for port in "${PORTS[@]}"; do
  for i in $(seq 120); do curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null && break; sleep 1
    [ "$i" = 120 ] && { echo "chat on $port not ready"; tail -20 "$tmp/chat-$port.log"; exit 1; }; done
done

# baseline: raw Redis PUBLISH throughput (what cross-instance fan-out rides on), same run, same machine
pub=$(redis-benchmark -h 127.0.0.1 -p "${REDIS_PORT:-16379}" -n 100000 -c 16 -q PUBLISH chat-bench-baseline hello 2>/dev/null \
  | tr '\r' '\n' | awk '/requests per second/ {for (i = 1; i <= NF; i++) if ($(i+1) == "requests") v = $i} END {print v}')

java -Xmx768m -Dinflight="${INFLIGHT:-16}" -Dwarmup="$WARMUP" -DwarmupRate="$WARMUP_RATE" "$ROOT/bench/ChatBench.java" "$SECS" "$RATE" \
  "ws://127.0.0.1:${PORTS[0]}/ws/chat" "ws://127.0.0.1:${PORTS[1]}/ws/chat" "http://127.0.0.1:${PORTS[0]}" \
  "$tmp/rooms" > "$tmp/result" 2> "$tmp/client.err" || { cat "$tmp/client.err"; exit 1; }
grep -q '^RESULT' "$tmp/result" || { cat "$tmp/client.err" "$tmp/result"; exit 1; }
# shellcheck disable=SC2046
declare $(grep '^RESULT' "$tmp/result" | sed 's/^RESULT //; s/ errcodes=.*//')
errcodes=$(sed -n 's/.*errcodes=//p' "$tmp/result")
ratio=$(awk -v a="$msg_per_s" -v b="$pub" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }')

printf '\nchat bench: %s connections (one per user: sellers on :%s, buyers on :%s), %s rooms, %s s at %s msg/s offered after %s s warm-up at %s msg/s, %s\n\n' \
  "$CONNS" "${PORTS[0]}" "${PORTS[1]}" "$ROOMS" "$SECS" "$RATE" "$WARMUP" "$WARMUP_RATE" "$(date -u +%FT%TZ)"
printf '| %-44s | %12s |\n' metric value
printf '|%s|%s|\n' "$(printf -- '-%.0s' {1..46})" --------------
row() { printf '| %-44s | %12s |\n' "$1" "$2"; }
row "offered / shed (>${INFLIGHT:-16} unacked on a conn)" "$offered / $shed"
row "sent / acked / error frames" "$sent / $acked / $errors"
row "delivered msg/s (other user, other instance)" "$msg_per_s"
row "e2e latency p50 ms" "$p50"
row "e2e latency p99 ms" "$p99"
row "e2e latency max ms" "$max"
row "lost (acked, never received live or by resync)" "$lost"
row "received by catch-up after a resync frame" "$recovered"
row "resync frames received (whole run)" "$resyncs"
row "message frames/s (all conns, incl. warm-up)" "$frames_per_s"
row "fan-out (frames per message)" "$fanout"
row "server: fan-out outages (log)" "$(cat "$tmp"/chat-*.log | grep -c 'Fan-out to other replicas failing' || true)"
row "server: frames dropped on send (log)" "$(cat "$tmp"/chat-*.log | grep -c 'dropped' || true)"
row "redis-benchmark PUBLISH req/s (baseline)" "$pub"
row "delivered msg/s vs PUBLISH %" "$ratio"
[ "$errors" != 0 ] && echo "error codes: $errcodes"
grep '^lost by\|^acks answering\|^split' "$tmp/client.err" || true
grep -q 'closed\|error' "$tmp/client.err" && { echo "client notes:"; grep 'closed\|error' "$tmp/client.err" | head -5; }
echo
echo "target: p99 < 100 ms at 1,000 msg/s delivered, lost = 0"
