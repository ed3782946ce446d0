#!/usr/bin/env bash
# Notify: an admin notice to 100,000 registered devices and 100,000 inboxes against a fake FCM, and SSE
# delivery latency over many streams of many users while personal events and a notice go out.
# Baselines in the same run: the fake FCM's own capacity (wrk on it), and the SSE client against a no-op SSE
# server (bench/SseBench.java noop: events handed from memory, no database) with the same streams and events.
# Needs the local stack's PostgreSQL and a built notify jar; no Keycloak: the bench signs its own tokens
# (bench/SseBench.java keygen/token) and its notify verifies them with quarkus.oidc.public-key, so 10,000
# users cost no logins. Starts its own notify on :18083 against a fresh database notify_bench, a fake FCM
# (bench/FakeFcmServer.java) on :18099 and the no-op SSE server on :18097, seeds users/devices with SQL,
# and stops them (by pid) and drops notify_bench at the end.
# usage: bench/notify.sh [users/devices, default 100000] [SSE streams, default 10000]
#        [SSE users, default = streams] [SSE personal events, default 2000] [events/s, default 200]
# NOTIFY_JAR runs another build of notify (e.g. an older commit's quarkus-app/quarkus-run.jar, for a comparison).
# NOTIFY_JAVA_OPTS (e.g. -XX:StartFlightRecording=filename=/tmp/notify.jfr) is passed to the bench's notify.
# shellcheck disable=SC2154 # the results (streams, p50, received, ...) are set by 'declare $(grep ^RESULT ...)' below
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
USERS=${1:-100000}
STREAMS=${2:-10000}
SSE_USERS=${3:-$STREAMS}
EVENTS=${4:-2000}
RATE=${5:-200}
PORT=18083
FCM_PORT=18099
NOOP_PORT=18097
export PGHOST=127.0.0.1 PGPORT=${PG_PORT:-15432} PGUSER=market PGPASSWORD=market
# shellcheck disable=SC2012 # version-numbered directories, sorted by version: no odd characters to mangle
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
JAR=${NOTIFY_JAR:-$ROOT/notify/target/quarkus-app/quarkus-run.jar}
[ -f "$JAR" ] || { echo "$JAR missing: build notify first"; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }
{ [ "$USERS" -le 1000000 ] && [ "$STREAMS" -le 15000 ] && [ "$SSE_USERS" -ge 1 ] && [ "$SSE_USERS" -le "$STREAMS" ] \
  && [ "$EVENTS" -ge 2 ] && [ "$EVENTS" -le 100000 ] && [ "$RATE" -ge 1 ] && [ "$RATE" -le 5000 ]; } \
  || { echo "limits: users <= 1e6, streams <= 15000 (two processes' sockets under ulimit -n 20000 each), 1 <= SSE users <= streams, 2 <= events <= 1e5, 1 <= rate <= 5000"; exit 1; }
[ "$(ulimit -n)" -ge $((STREAMS + 1000)) ] || { echo "ulimit -n $(ulimit -n) is too low for $STREAMS streams"; exit 1; }

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

# the bench's own token key: notify verifies with its public half (no Keycloak, no logins)
java "$ROOT/bench/SseBench.java" keygen "$tmp"
T_ADMIN=$(java "$ROOT/bench/SseBench.java" token "$tmp" sse-bench-admin user admin)

# fake FCM (exits by itself after 15 min at most)
java -Xmx256m "$ROOT/bench/FakeFcmServer.java" "$FCM_PORT" 900 > "$tmp/fcm.log" 2>&1 &
pids+=($!)

"$PGBIN/dropdb" --if-exists notify_bench
"$PGBIN/createdb" notify_bench
read -ra jopts <<< "${NOTIFY_JAVA_OPTS:-}"
env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PGPORT/notify_bench" \
  QUARKUS_OIDC_AUTH_SERVER_URL="" QUARKUS_OIDC_PUBLIC_KEY="$(cat "$tmp/key.pub")" \
  MARKET_NOTIFY_FCM_ENDPOINT_OVERRIDE="http://127.0.0.1:$FCM_PORT" \
  MARKET_NOTIFY_FCM_PROJECT_ID=bench \
  java -Xmx512m -XX:+UseSerialGC "${jopts[@]}" -jar "$JAR" > "$tmp/notify.log" 2>&1 &
pids+=($!)
notify_pid=$!
for i in $(seq 120); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" 2>/dev/null && break; sleep 1
  [ "$i" = 120 ] && { echo "notify on $PORT not ready"; tail -20 "$tmp/notify.log"; exit 1; }; done
curl -fsS -o /dev/null "http://127.0.0.1:$FCM_PORT/_stats" || { echo "fake FCM not up"; cat "$tmp/fcm.log"; exit 1; }

# seed: USERS users with default settings and one ANDROID device each (the SSE users join by opening streams)
t=$(date +%s.%N)
"$PGBIN/psql" -q -d notify_bench <<SQL
INSERT INTO notification_settings (user_id) SELECT 'bench-user-' || g FROM generate_series(1, $USERS) g;
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

# SSE: first the baseline (the same client, streams and events against the no-op server), then notify
sse() { # name url pid
  java -Xmx1g "$ROOT/bench/SseBench.java" run "$tmp" "$2" "$STREAMS" "$SSE_USERS" "$EVENTS" "$RATE" 1 "$3" \
    > "$tmp/sse-$1.txt" 2> "$tmp/sse-$1.err" || { cat "$tmp/sse-$1.err"; exit 1; }
  grep -q '^RESULT' "$tmp/sse-$1.txt" || { cat "$tmp/sse-$1.err" "$tmp/sse-$1.txt"; exit 1; }
  grep '^RESULT' "$tmp/sse-$1.txt" | sed 's/^RESULT //' | tr ' ' '\n' | sed "s/^/$1_/" > "$tmp/sse-$1.vars"
}
java -Xmx512m -Xss256k "$ROOT/bench/SseBench.java" noop "$NOOP_PORT" > "$tmp/noop.log" 2>&1 &
pids+=($!)
noop_pid=$!
for _ in $(seq 100); do [ -s "$tmp/noop.log" ] && break; sleep 0.2; done
load_before_sse=$(cut -d' ' -f1-3 /proc/loadavg)
sse noop "http://127.0.0.1:$NOOP_PORT" "$noop_pid"
kill "$noop_pid" 2>/dev/null || true
sse notify "http://127.0.0.1:$PORT" "$notify_pid"
# notify's own view: from a stream's wake-up (the commit here) to its items handed to the stream, and the reads
curl -fsS "http://127.0.0.1:$PORT/q/metrics" > "$tmp/metrics.txt"
metric() { awk -v m="$1" -v q="$2" 'index($0, m) == 1 && (q == "" || index($0, "quantile=\"" q "\"")) \
  { printf "%.1f", $NF * ($1 ~ /_count/ ? 1 : 1000); exit }' "$tmp/metrics.txt"; }
delay_p50=$(metric 'notify_inbox_stream_delay_seconds{' 0.5); delay_p99=$(metric 'notify_inbox_stream_delay_seconds{' 0.99)
delay_max=$(metric notify_inbox_stream_delay_seconds_max ""); delay_n=$(metric notify_inbox_stream_delay_seconds_count "")
reads_p50=$(metric 'notify_inbox_stream_reads_seconds{' 0.5); reads_p99=$(metric 'notify_inbox_stream_reads_seconds{' 0.99)
reads_max=$(metric notify_inbox_stream_reads_seconds_max ""); reads_n=$(metric notify_inbox_stream_reads_seconds_count "")
# shellcheck disable=SC2046
declare $(cat "$tmp/sse-noop.vars" "$tmp/sse-notify.vars")

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
printf '\nSSE: %s streams of %s users, %s personal events at %s/s and one notice halfway; load before: %s\n\n' \
  "$STREAMS" "$SSE_USERS" "$EVENTS" "$RATE" "$load_before_sse"
printf '| %-40s | %14s | %14s | %8s |\n' metric "no-op server" notify "ratio"
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..42})" ---------------- ---------------- ----------
row2() { printf '| %-40s | %14s | %14s | %8s |\n' "$1" "$2" "$3" \
  "$(awk -v a="$2" -v b="$3" 'BEGIN { if (a + 0 > 0 && b != "") printf "%.2f", b / a; else print "-" }')"; }
row2 "streams open / failed / broken" "${noop_streams}/${noop_stream_failures}/${noop_streams_broken}" "${notify_streams}/${notify_stream_failures}/${notify_streams_broken}"
row2 "streams opened in s" "$noop_open_s" "$notify_open_s"
row2 "events/s posted (failed posts)" "$noop_rate ($noop_post_failures)" "$notify_rate ($notify_post_failures)"
row2 "deliveries expected / received" "$noop_expected/$noop_received" "$notify_expected/$notify_received"
for k in personal notice all; do
  for q in p50 p99 max; do v1=${k}_$q; v1=noop_$v1; v2=notify_${k}_$q; row2 "$k delivery $q ms" "${!v1}" "${!v2}"; done
done
row2 "notify: wake-up -> handed to stream p50/p99/max ms" "" "$delay_p50/$delay_p99/$delay_max"
row2 "notify: stream wake-ups served / reads (queries)" "" "${delay_n%.*} / ${reads_n%.*}"
row2 "notify: one read p50/p99/max ms" "" "$reads_p50/$reads_p99/$reads_max"
row2 "RSS per open stream, bytes" "$noop_rss_per_stream_b" "$notify_rss_per_stream_b"
row2 "heap per open stream (after full GC), bytes" "$noop_heap_per_stream_b" "$notify_heap_per_stream_b"
row2 "server RSS with streams open, MB" "$((noop_rss_open_kb / 1024))" "$((notify_rss_open_kb / 1024))"
row2 "server CPU s while sending" "$noop_server_cpu_s" "$notify_server_cpu_s"
row2 "client CPU s while sending" "$noop_client_cpu_s" "$notify_client_cpu_s"
grep -E 'ERROR|Exception' "$tmp/notify.log" | head -3 || true
# for bench/all.sh's summary
for k in all notice; do
  v=notify_${k}_p99; v=${!v:-}
  echo "TARGET|SSE $k delivery p99 ($STREAMS streams)|${v:-?} ms|< 200 ms|$(awk -v x="${v:-999999}" 'BEGIN { print (x + 0 < 200 ? "yes" : "no") }')"
done
echo "TARGET|SSE deliveries received|$notify_received of $notify_expected|all|$([ "$notify_received" = "$notify_expected" ] && echo yes || echo no)"
