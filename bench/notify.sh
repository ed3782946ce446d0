#!/usr/bin/env bash
# Notify: an admin notice to 100,000 registered devices and 100,000 inboxes against a fake FCM, and SSE
# delivery latency over many streams. Baseline in the same run: the fake FCM's own capacity (wrk on it).
# Needs the local stack (./market up: PostgreSQL, Keycloak) and a built notify jar. Starts its own notify on
# :18083 against a fresh database notify_bench and a fake FCM (bench/FakeFcmServer.java) on :18099, seeds
# users/devices with SQL, and stops both (by pid) and drops notify_bench at the end.
# usage: bench/notify.sh [users/devices, default 100000] [SSE streams, default 1000] [SSE events, default 9]
# shellcheck disable=SC2154 # the results (streams, p50, received, ...) are set by 'declare $(grep ^RESULT ...)' below
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
USERS=${1:-100000}
STREAMS=${2:-1000}
EVENTS=${3:-9}
PORT=18083
FCM_PORT=18099
KC=${KEYCLOAK_URL:-http://127.0.0.1:8180/auth}
export PGHOST=127.0.0.1 PGPORT=${PG_PORT:-15432} PGUSER=market PGPASSWORD=market
# shellcheck disable=SC2012 # version-numbered directories, sorted by version: no odd characters to mangle
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
JAR=$ROOT/notify/target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "$JAR missing: build notify first"; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }
{ [ "$USERS" -le 1000000 ] && [ "$STREAMS" -le 5000 ] && [ "$EVENTS" -le 100 ]; } || { echo "limits: users <= 1e6, streams <= 5000, events <= 100"; exit 1; }

tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; kill -9 "$p" 2>/dev/null || true; done
  "$PGBIN/dropdb" --if-exists notify_bench 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
# run a private copy: other work may rebuild notify/target while the bench runs
cp -r "$(dirname "$JAR")" "$tmp/app" && JAR=$tmp/app/quarkus-run.jar

token() { curl -fsS -d grant_type=password -d client_id=market-test -d username="$1" -d password="$1" \
  "$KC/realms/market/protocol/openid-connect/token" | jq -r .access_token; }
sub_of() { cut -d. -f2 <<<"$1" | tr '_-' '/+' | { read -r s; while [ $(( ${#s} % 4 )) -ne 0 ]; do s="$s="; done; echo "$s"; } | base64 -d | jq -r .sub; }
T_ALICE=$(token alice); T_BOB=$(token bob); T_ADMIN=$(token admin)
S_ALICE=$(sub_of "$T_ALICE"); S_BOB=$(sub_of "$T_BOB"); S_ADMIN=$(sub_of "$T_ADMIN")
T_SVC=$(curl -fsS -d grant_type=client_credentials -d client_id=chat-service -d client_secret=chat-service-local-secret \
  "$KC/realms/market/protocol/openid-connect/token" | jq -r .access_token)

# fake FCM (exits by itself after 15 min at most)
java -Xmx256m "$ROOT/bench/FakeFcmServer.java" "$FCM_PORT" 900 > "$tmp/fcm.log" 2>&1 &
pids+=($!)

"$PGBIN/dropdb" --if-exists notify_bench
"$PGBIN/createdb" notify_bench
env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PGPORT/notify_bench" \
  QUARKUS_OIDC_AUTH_SERVER_URL="$KC/realms/market" \
  MARKET_NOTIFY_FCM_ENDPOINT_OVERRIDE="http://127.0.0.1:$FCM_PORT" \
  MARKET_NOTIFY_FCM_PROJECT_ID=bench \
  java -Xmx384m -XX:+UseSerialGC -jar "$JAR" > "$tmp/notify.log" 2>&1 &
pids+=($!)
for i in $(seq 120); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" 2>/dev/null && break; sleep 1
  [ "$i" = 120 ] && { echo "notify on $PORT not ready"; tail -20 "$tmp/notify.log"; exit 1; }; done
curl -fsS -o /dev/null "http://127.0.0.1:$FCM_PORT/_stats" || { echo "fake FCM not up"; cat "$tmp/fcm.log"; exit 1; }

# seed: USERS users with default settings and one ANDROID device each (plus alice/bob/admin for SSE)
t=$(date +%s.%N)
"$PGBIN/psql" -q -d notify_bench <<SQL
INSERT INTO notification_settings (user_id) SELECT 'bench-user-' || g FROM generate_series(1, $USERS) g;
INSERT INTO notification_settings (user_id) VALUES ('$S_ALICE'), ('$S_BOB'), ('$S_ADMIN') ON CONFLICT DO NOTHING;
INSERT INTO device (token, user_id, platform, created_at, updated_at)
  SELECT 'bench-token-' || g || '-' || md5(g::text), 'bench-user-' || g, 'ANDROID', now(), now() FROM generate_series(1, $USERS) g;
ANALYZE;
SQL
seed_s=$(awk -v a="$t" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

# baseline: the fake FCM's own capacity, a send request as the SDK makes it, 10 s, 16 connections
cat > "$tmp/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer x"
wrk.body = '{"message":{"topic":"notices","notification":{"title":"t","body":"b"}}}'
LUA
wrk -t2 -c16 -d10s -s "$tmp/post.lua" "http://127.0.0.1:$FCM_PORT/v1/projects/bench/messages:send" > "$tmp/wrk.txt"
fcm_rps=$(awk '/Requests\/sec/ {print $2}' "$tmp/wrk.txt")
fcm_before=$(curl -fsS "http://127.0.0.1:$FCM_PORT/_stats" | cut -d' ' -f1)

# the notice
t0=$(date +%s%N)
nid=$(curl -fsS -H "Authorization: Bearer $T_ADMIN" -H 'Content-Type: application/json' \
  -d '{"type":"NOTICE","title":"bench notice","body":"100k inboxes"}' "http://127.0.0.1:$PORT/api/admin/notices" | jq -r .id)
status=""
for _ in $(seq 1200); do   # at most 1200 x 0.25 s = 5 min
  curl -fsS -H "Authorization: Bearer $T_ADMIN" "http://127.0.0.1:$PORT/api/admin/notices/$nid" > "$tmp/notice.json" || true
  status=$(jq -r .status "$tmp/notice.json" 2>/dev/null || echo "?")
  case $status in SENT|FAILED|CANCELLED) break ;; esac
  sleep 0.25
done
t1=$(date +%s%N)
notice_ms=$(( (t1 - t0) / 1000000 ))
read -r targeted sent failed < <(jq -r '"\(.targeted // .stats.targeted) \(.sent // .stats.sent) \(.failed // .stats.failed)"' "$tmp/notice.json")
# notices are fanned out on read since the broadcast table: one row per round, none per user
inbox=$("$PGBIN/psql" -d notify_bench -tAc "SELECT (SELECT count(*) FROM notification WHERE notice_id = $nid) + (SELECT count(*) FROM broadcast WHERE notice_id = $nid)")
fcm_after=$(curl -fsS "http://127.0.0.1:$FCM_PORT/_stats" | cut -d' ' -f1)
fcm_calls=$((fcm_after - fcm_before))
inbox_per_s=$(awk -v n="$inbox" -v ms="$notice_ms" 'BEGIN { printf "%.0f", (ms > 0 ? n * 1000 / ms : 0) }')
sends_per_s=$(awk -v n="$fcm_calls" -v ms="$notice_ms" 'BEGIN { printf "%.1f", (ms > 0 ? n * 1000 / ms : 0) }')
ratio=$(awk -v a="$sends_per_s" -v b="$fcm_rps" 'BEGIN { printf "%.3f", (b > 0 ? 100 * a / b : 0) }')

# SSE
java -Xmx384m "$ROOT/bench/SseBench.java" "$STREAMS" "http://127.0.0.1:$PORT" "$EVENTS" 1000 "$T_SVC" \
  "$T_ALICE" "$S_ALICE" "$T_BOB" "$S_BOB" "$T_ADMIN" "$S_ADMIN" > "$tmp/sse.txt" 2> "$tmp/sse.err" || { cat "$tmp/sse.err"; exit 1; }
grep -q '^RESULT' "$tmp/sse.txt" || { cat "$tmp/sse.err" "$tmp/sse.txt"; exit 1; }
# shellcheck disable=SC2046
declare $(grep '^RESULT' "$tmp/sse.txt" | sed 's/^RESULT //')

printf '\nnotify bench: %s users/devices, %s SSE streams, %s\n\n' "$USERS" "$STREAMS" "$(date -u +%FT%TZ)"
printf '| %-52s | %14s |\n' metric value
printf '|%s|%s|\n' "$(printf -- '-%.0s' {1..54})" ----------------
row() { printf '| %-52s | %14s |\n' "$1" "$2"; }
row "seed (SQL) s" "$seed_s"
row "notice: POST -> status $status, ms" "$notice_ms"
row "notice stats targeted / sent / failed" "$targeted / $sent / $failed"
row "inbox rows written" "$inbox"
row "inbox rows/s" "$inbox_per_s"
row "FCM send calls for the notice (topic send)" "$fcm_calls"
row "FCM sends/s during the notice" "$sends_per_s"
row "fake FCM capacity req/s (wrk, baseline)" "$fcm_rps"
row "notify sends/s vs fake FCM capacity %" "$ratio"
row "SSE streams open / failed" "$streams / $stream_failures"
row "SSE events posted / deliveries expected / received" "$events / $expected / $received"
row "SSE delivery latency p50 ms" "$p50"
row "SSE delivery latency p99 ms" "$p99"
row "SSE delivery latency max ms" "$max"
grep -E 'ERROR|Exception' "$tmp/notify.log" | head -3 || true
