#!/usr/bin/env bash
# Chat fan-out across two chat instances through Redis, against redis-benchmark PUBLISH measured in the same run.
# Needs the local stack (./market up) and a built chat jar. Starts two extra chat instances of its own
# (ports 18082 and 18092, MARKET_CHAT_SENDS_PER_SECOND raised so the per-user limit does not throttle the
# three test users), and stops them by pid at the end.
# Rooms: alice sells products titled 'chat-bench room N' (created through the product API once); bob and
# admin open one room each per product, so rooms = 2 x products. Only alice, bob and admin exist, so a
# user holds many connections, and the server delivers each message to every connection of both users.
# The client offers RATE msg/s open-loop but keeps at most INFLIGHT (env, default 16) unacked sends per
# connection; offers beyond that are counted as shed, so latency is measured at the rate actually carried.
# KEEP_LOGS=<dir> keeps the two instances' logs (copied there at the end).
# usage: bench/chat.sh [connections, default 1000] [rooms, default 500] [seconds, default 60] [send rate msg/s, default 1000]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONNS=${1:-1000}
ROOMS=${2:-500}
SECS=${3:-60}
RATE=${4:-1000}
PORTS=(18082 18092)
PRODUCT=${PRODUCT_URL:-http://127.0.0.1:8081}
KC=${KEYCLOAK_URL:-http://127.0.0.1:8180/auth}
export PGHOST=127.0.0.1 PGPORT=${PG_PORT:-15432} PGUSER=market PGPASSWORD=market PGDATABASE=product
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
JAR=$ROOT/chat/target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "$JAR missing: build chat first"; exit 1; }
command -v redis-benchmark >/dev/null || { echo "redis-benchmark is needed"; exit 1; }
[ "$SECS" -ge 5 ] && [ "$SECS" -le 600 ] || { echo "seconds must be 5..600"; exit 1; }
[ $((ROOMS % 2)) -eq 0 ] && [ "$ROOMS" -le 2000 ] || { echo "rooms must be even and <= 2000"; exit 1; }
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

token() { curl -fsS -d grant_type=password -d client_id=market-test -d username="$1" -d password="$1" \
  "$KC/realms/market/protocol/openid-connect/token" | jq -r .access_token; }
T_ALICE=$(token alice); T_BOB=$(token bob); T_ADMIN=$(token admin)
alice_id=$(cut -d. -f2 <<<"$T_ALICE" | tr '_-' '/+' | { read -r s; while [ $(( ${#s} % 4 )) -ne 0 ]; do s="$s="; done; echo "$s"; } | base64 -d | jq -r .sub)

# products (ROOMS/2), created through the API as alice, reused on later runs
need=$((ROOMS / 2))
have=$("$PGBIN/psql" -tAc "SELECT count(*) FROM product WHERE seller_id = '$alice_id' AND title LIKE 'chat-bench room %' AND deleted_at IS NULL AND status <> 'SOLD'")
if [ "$have" -lt "$need" ]; then
  echo "creating $((need - have)) products as alice…"
  for i in $(seq $((have + 1)) "$need"); do
    curl -fsS -o /dev/null -H "Authorization: Bearer $T_ALICE" -H 'Content-Type: application/json' \
      -d "{\"title\":\"chat-bench room $i\",\"description\":\"bench listing\",\"price\":1000,\"category\":\"OTHER\",\"region\":\"동네01동\"}" \
      "$PRODUCT/api/products" || { echo "creating product $i failed"; exit 1; }
  done
fi
"$PGBIN/psql" -tAc "SELECT id FROM product WHERE seller_id = '$alice_id' AND title LIKE 'chat-bench room %' AND deleted_at IS NULL AND status <> 'SOLD' ORDER BY id LIMIT $need" > "$tmp/products"

# two chat instances of our own (same env as ./market's start_service, plus a raised per-user send limit)
for port in "${PORTS[@]}"; do
  env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PGPORT/chat" \
    QUARKUS_OIDC_AUTH_SERVER_URL="$KC/realms/market" \
    QUARKUS_REDIS_HOSTS="redis://127.0.0.1:${REDIS_PORT:-16379}" \
    MARKET_CHAT_PRODUCT_URL="$PRODUCT" \
    MARKET_CHAT_NOTIFY_URL="http://127.0.0.1:${NOTIFY_PORT:-8083}" \
    MARKET_CHAT_SENDS_PER_SECOND=100000 \
    java -Xmx384m -XX:+UseSerialGC \
      -Dquarkus.log.category.\"market.chat.service.Fanout\".level=DEBUG \
      -Dquarkus.log.category.\"market.chat.ws.LocalConnections\".level=DEBUG \
      -jar "$JAR" > "$tmp/chat-$port.log" 2>&1 &
  pids+=($!)
done
for port in "${PORTS[@]}"; do
  for i in $(seq 120); do curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null && break; sleep 1
    [ "$i" = 120 ] && { echo "chat on $port not ready"; tail -20 "$tmp/chat-$port.log"; exit 1; }; done
done

# baseline: raw Redis PUBLISH throughput (what cross-instance fan-out rides on), same run, same machine
pub=$(redis-benchmark -h 127.0.0.1 -p "${REDIS_PORT:-16379}" -n 100000 -c 16 -q PUBLISH chat-bench-baseline hello 2>/dev/null \
  | tr '\r' '\n' | awk '/requests per second/ {for (i = 1; i <= NF; i++) if ($(i+1) == "requests") v = $i} END {print v}')

java -Xmx512m -Dinflight="${INFLIGHT:-16}" "$ROOT/bench/ChatBench.java" "$CONNS" "$ROOMS" "$SECS" "$RATE" \
  "ws://127.0.0.1:${PORTS[0]}/ws/chat" "ws://127.0.0.1:${PORTS[1]}/ws/chat" "http://127.0.0.1:${PORTS[0]}" \
  "$tmp/products" "$T_ALICE" "$T_BOB" "$T_ADMIN" > "$tmp/result" 2> "$tmp/client.err" || { cat "$tmp/client.err"; exit 1; }
grep -q '^RESULT' "$tmp/result" || { cat "$tmp/client.err" "$tmp/result"; exit 1; }
# shellcheck disable=SC2046
declare $(grep '^RESULT' "$tmp/result" | sed 's/^RESULT //; s/ errcodes=.*//')
errcodes=$(sed -n 's/.*errcodes=//p' "$tmp/result")
ratio=$(awk -v a="$msg_per_s" -v b="$pub" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }')

printf '\nchat bench: %s connections (alice/bob/admin, half on :%s, half on :%s), %s rooms, %s s at %s msg/s offered, %s\n\n' \
  "$CONNS" "${PORTS[0]}" "${PORTS[1]}" "$ROOMS" "$SECS" "$RATE" "$(date -u +%FT%TZ)"
printf '| %-44s | %12s |\n' metric value
printf '|%s|%s|\n' "$(printf -- '-%.0s' {1..46})" --------------
row() { printf '| %-44s | %12s |\n' "$1" "$2"; }
row "offered / shed (>${INFLIGHT:-16} unacked on a conn)" "$offered / $shed"
row "sent / acked / error frames" "$sent / $acked / $errors"
row "delivered msg/s (other user, other instance)" "$msg_per_s"
row "e2e latency p50 ms" "$p50"
row "e2e latency p99 ms" "$p99"
row "e2e latency max ms" "$max"
row "lost (acked, never received)" "$lost"
row "message frames delivered/s (all connections)" "$frames_per_s"
row "fan-out (frames per message)" "$fanout"
row "server: cross-instance publishes skipped (log)" "$(cat "$tmp"/chat-*.log | grep -c 'Fan-out to other replicas skipped' || true)"
row "server: frames dropped on send (log)" "$(cat "$tmp"/chat-*.log | grep -c 'dropped' || true)"
row "redis-benchmark PUBLISH req/s (baseline)" "$pub"
row "delivered msg/s vs PUBLISH %" "$ratio"
[ "$errors" != 0 ] && echo "error codes: $errcodes"
grep '^lost by\|^acks answering' "$tmp/client.err" || true
grep -q 'closed\|error' "$tmp/client.err" && { echo "client notes:"; grep 'closed\|error' "$tmp/client.err" | head -5; }
echo
echo "target: p99 < 100 ms at 1,000 msg/s delivered, lost = 0"
