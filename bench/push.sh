#!/usr/bin/env bash
# Push, per token: one personal push per user, each to every device of the user, through notify's real path
# (push_outbox -> relay -> FCM HTTP v1 client) against a fake FCM. At night (21:00-08:00 KST) the round is a night
# ad posted through the admin API (one push per consenting user); by day, when an ad is one topic send, it is a
# personal push per user (what a chat message or a keyword alert queues) inserted into push_outbox with SQL.
# MODE=ad or MODE=personal picks one (MODE=ad refuses to run by day).
# Baseline in the same run: the fake FCM's own capacity (wrk, 2 threads, 64 connections, an FCM v1 send).
# Needs the local stack (./market up: PostgreSQL, Keycloak) and a built notify jar. Starts its own notify on
# :18084 against a fresh database push_bench and a fake FCM (bench/FakeFcmServer.java) on :18098, seeds
# users/settings/devices with SQL (1 token in 100 is one FCM answers UNREGISTERED), and stops both (by pid)
# and drops push_bench at the end.
# usage: bench/push.sh [users, default 20000] [devices per user, default 5] [wrk seconds, default 10]
# NOTIFY_JAR=path/quarkus-run.jar runs another build of notify (e.g. an older commit's, to compare).
# PUSH_BENCH_JFR=file.jfr records a JFR profile of notify (settings=profile) for the whole run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
USERS=${1:-20000}
PER_USER=${2:-5}
WRK_S=${3:-10}
PORT=18084
FCM_PORT=18098
DB=push_bench
KC=${KEYCLOAK_URL:-http://127.0.0.1:8180/auth}
export PGHOST=127.0.0.1 PGPORT=${PG_PORT:-15432} PGUSER=market PGPASSWORD=market
# shellcheck disable=SC2012 # version-numbered directories, sorted by version: no odd characters to mangle
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
JAR=${NOTIFY_JAR:-$ROOT/notify/target/quarkus-app/quarkus-run.jar}   # NOTIFY_JAR: another build to compare
[ -f "$JAR" ] || { echo "$JAR missing: build notify first"; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }
{ [ "$USERS" -ge 1 ] && [ "$USERS" -le 1000000 ] && [ "$PER_USER" -ge 1 ] && [ "$PER_USER" -le 1000 ] \
  && [ "$WRK_S" -ge 1 ] && [ "$WRK_S" -le 120 ]; } \
  || { echo "limits: 1 <= users <= 1e6, 1 <= devices per user <= 1000, 1 <= wrk seconds <= 120"; exit 1; }
kst_hour=$((10#$(TZ=Asia/Seoul date +%H)))
day=no; if [ "$kst_hour" -ge 8 ] && [ "$kst_hour" -lt 21 ]; then day=yes; fi
MODE=${MODE:-$([ "$day" = yes ] && echo personal || echo ad)}
case "$MODE" in
  ad) if [ "$day" = yes ]; then
        echo "it is ${kst_hour}h KST: by day an ad is one topic send, not per-token pushes; run MODE=ad between 21:00 and 08:00 KST"
        exit 1
      fi ;;
  personal) ;;
  *) echo "MODE is ad or personal"; exit 1 ;;
esac

tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; kill -9 "$p" 2>/dev/null || true; done
  "$PGBIN/dropdb" --if-exists "$DB" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
# run a private copy: other work may rebuild notify/target while the bench runs
cp -r "$(dirname "$JAR")" "$tmp/app" && JAR=$tmp/app/quarkus-run.jar

T_ADMIN=   # the admin API is only used for an ad round
if [ "$MODE" = ad ]; then
  T_ADMIN=$(curl -fsS -d grant_type=password -d client_id=market-test -d username=admin -d password=admin \
    "$KC/realms/market/protocol/openid-connect/token" | jq -r .access_token)
fi

# fake FCM (exits by itself after 15 min at most); tokens containing "bench-dead-" are answered UNREGISTERED
java -Xmx256m "$ROOT/bench/FakeFcmServer.java" "$FCM_PORT" 900 bench-dead- > "$tmp/fcm.log" 2>&1 &
fcm_pid=$!
pids+=("$fcm_pid")

"$PGBIN/dropdb" --if-exists "$DB"
"$PGBIN/createdb" "$DB"
env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PGPORT/$DB" \
  QUARKUS_OIDC_AUTH_SERVER_URL="$KC/realms/market" \
  MARKET_NOTIFY_FCM_ENDPOINT_OVERRIDE="http://127.0.0.1:$FCM_PORT" \
  MARKET_NOTIFY_FCM_PROJECT_ID=bench \
  QUARKUS_LOG_CATEGORY__MARKET_NOTIFY_SERVICE_PUSHRELAY__LEVEL=WARN \
  java -Xmx384m -XX:+UseSerialGC ${PUSH_BENCH_JFR:+-XX:StartFlightRecording=filename=$PUSH_BENCH_JFR,settings=profile} \
  -jar "$JAR" > "$tmp/notify.log" 2>&1 &
notify_pid=$!
pids+=("$notify_pid")
for i in $(seq 120); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" 2>/dev/null && break; sleep 1
  [ "$i" = 120 ] && { echo "notify on $PORT not ready"; tail -20 "$tmp/notify.log"; exit 1; }; done
for i in $(seq 60); do curl -fsS -o /dev/null "http://127.0.0.1:$FCM_PORT/_stats" 2>/dev/null && break; sleep 0.5
  [ "$i" = 60 ] && { echo "fake FCM not up"; cat "$tmp/fcm.log"; exit 1; }; done

# seed: USERS users consenting to ads by night, PER_USER devices each; 1 token in 100 is dead
t=$(date +%s.%N)
"$PGBIN/psql" -q -v ON_ERROR_STOP=1 -d "$DB" <<SQL
INSERT INTO notification_settings (user_id, marketing, marketing_night, marketing_consented_at, marketing_night_at)
  SELECT 'bench-user-' || g, true, true, now() - interval '1 day', now() - interval '1 day' FROM generate_series(1, $USERS) g;
INSERT INTO device (token, user_id, platform, ads, created_at, updated_at)
  SELECT CASE WHEN (u * $PER_USER + d) % 100 = 0 THEN 'bench-dead-' ELSE 'bench-token-' END || u || '-' || d || '-' || md5(u::text || d::text),
         'bench-user-' || u, 'ANDROID', true, now(), now()
    FROM generate_series(1, $USERS) u, generate_series(1, $PER_USER) d;
ANALYZE;
SQL
seed_s=$(awk -v a="$t" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
tokens=$("$PGBIN/psql" -d "$DB" -tAc "SELECT count(*) FROM device")
dead_tokens=$("$PGBIN/psql" -d "$DB" -tAc "SELECT count(*) FROM device WHERE token LIKE 'bench-dead-%'")

# baseline: the fake FCM's own capacity, a per-token send as the SDK makes it
cat > "$tmp/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json; charset=UTF-8"
wrk.headers["Authorization"] = "Bearer x"
wrk.body = '{"message":{"data":{"type":"AD","noticeId":"1"},"notification":{"body":"b","title":"(광고) t"},"token":"bench-token-1-1-c4ca4238a0b923820dcc509a6f75849b"}}'
LUA
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
f0=$(cpu_ticks "$fcm_pid"); w0=$(date +%s%N)
wrk -t2 -c64 -d"${WRK_S}s" -s "$tmp/post.lua" "http://127.0.0.1:$FCM_PORT/v1/projects/bench/messages:send" > "$tmp/wrk.txt"
f1=$(cpu_ticks "$fcm_pid"); w1=$(date +%s%N)
fcm_rps=$(awk '/Requests\/sec/ {print $2}' "$tmp/wrk.txt")
wrk_avg=$(awk '/Latency/ {print $2; exit}' "$tmp/wrk.txt")
fcm_cpu_wrk=$(awk -v t="$((f1 - f0))" -v hz="$hz" -v ns="$((w1 - w0))" 'BEGIN { printf "%.0f", 100 * t / hz / (ns / 1e9) }')

curl -fsS -o /dev/null "http://127.0.0.1:$FCM_PORT/_mark"
read -r sends0 _ _ dead0 _ _ <<<"$(curl -fsS "http://127.0.0.1:$FCM_PORT/_stats")"
n0=$(cpu_ticks "$notify_pid"); f0=$(cpu_ticks "$fcm_pid")
t0=$(date +%s%N)
if [ "$MODE" = ad ]; then
  nid=$(curl -fsS -H "Authorization: Bearer $T_ADMIN" -H 'Content-Type: application/json' \
    -d '{"type":"AD","title":"bench night ad","body":"per-token pushes"}' "http://127.0.0.1:$PORT/api/admin/notices" | jq -r .id)
  if [ -z "$nid" ] || [ "$nid" = null ]; then echo "notice not accepted"; tail -20 "$tmp/notify.log"; exit 1; fi
  rows_of="notice_id = $nid"
else
  # the rows a chat message or a keyword alert queues (PushOutboxStore.addUser); the relay's 1 s timer finds them
  "$PGBIN/psql" -q -v ON_ERROR_STOP=1 -d "$DB" -c "
    INSERT INTO push_outbox (kind, user_id, title, body, data, next_attempt_at, created_at)
      SELECT 'USER', 'bench-user-' || g, '새 메시지', 'bench personal push', '{\"type\":\"CHAT\",\"roomId\":\"1\"}', now(), now()
        FROM generate_series(1, $USERS) g"
  rows_of="kind = 'USER' AND notice_id IS NULL"
fi
# done when the round's rows exist and none is pending (the ad itself stays SENDING: its morning round is held)
rows=0; pending=1
for _ in $(seq 2400); do   # at most 2400 x 0.25 s = 10 min
  read -r rows pending < <("$PGBIN/psql" -d "$DB" -tA -F' ' -c \
    "SELECT count(*), count(*) FILTER (WHERE status = 'PENDING') FROM push_outbox WHERE $rows_of")
  [ "$rows" -gt 0 ] && [ "$pending" = 0 ] && break
  sleep 0.25
done
t1=$(date +%s%N)
n1=$(cpu_ticks "$notify_pid"); f1=$(cpu_ticks "$fcm_pid")
read -r sends1 _ _ dead1 first_send last_send <<<"$(curl -fsS "http://127.0.0.1:$FCM_PORT/_stats")"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
ms=$(( (t1 - t0) / 1000000 ))
sends=$((sends1 - sends0)); dead=$((dead1 - dead0))
per_s=$(awk -v n="$sends" -v ms="$ms" 'BEGIN { printf "%.0f", (ms > 0 ? n * 1000 / ms : 0) }')
ratio=$(awk -v a="$per_s" -v b="$fcm_rps" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }')
# the same without the wait for the relay's first claim (its 1 s timer in a personal round): first to last send
send_ms=$((last_send - first_send))
per_s_sending=$(awk -v n="$sends" -v ms="$send_ms" 'BEGIN { printf "%.0f", (ms > 0 ? n * 1000 / ms : 0) }')
cpu() { awk -v t="$1" -v hz="$hz" -v ms="$ms" 'BEGIN { printf "%.0f", (ms > 0 ? 100 * t / hz / (ms / 1000) : 0) }'; }
notify_cpu=$(cpu $((n1 - n0))); fcm_cpu=$(cpu $((f1 - f0)))
read -r done_rows failed_rows lat_p50 lat_p99 < <("$PGBIN/psql" -d "$DB" -tA -F' ' -c "
  SELECT count(*) FILTER (WHERE status = 'DONE'), count(*) FILTER (WHERE status = 'FAILED'),
         round(1000 * percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM done_at - created_at)))::bigint,
         round(1000 * percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM done_at - created_at)))::bigint
    FROM push_outbox WHERE $rows_of")
left_dead=$("$PGBIN/psql" -d "$DB" -tAc "SELECT count(*) FROM device WHERE token LIKE 'bench-dead-%'")
sent_stat=-
if [ "$MODE" = ad ]; then
  sent_stat=$(curl -fsS -H "Authorization: Bearer $T_ADMIN" "http://127.0.0.1:$PORT/api/admin/notices/$nid" | jq -r '.stats.sent')
fi

printf '\npush bench (per token, %s round): %s users x %s devices, %s\n' "$MODE" "$USERS" "$PER_USER" "$(date -u +%FT%TZ)"
printf 'load average before wrk: %s, after the round: %s\n\n' "$load_before" "$load_after"
printf '| %-58s | %14s |\n' metric value
printf '|%s|%s|\n' "$(printf -- '-%.0s' {1..60})" ----------------
row() { printf '| %-58s | %14s |\n' "$1" "$2"; }
row "seed (SQL) s" "$seed_s"
row "devices / of them dead (UNREGISTERED)" "$tokens / $dead_tokens"
row "fake FCM capacity req/s (wrk -t2 -c64, baseline)" "$fcm_rps"
row "fake FCM wrk latency avg / its CPU % during wrk" "$wrk_avg / $fcm_cpu_wrk"
row "round: POST or INSERT -> last row done, ms" "$ms"
row "rows (users) done / failed / pending" "$done_rows / $failed_rows / $pending"
row "notice stats.sent (ad round)" "$sent_stat"
row "FCM sends (requests) / of them UNREGISTERED" "$sends / $dead"
row "dead tokens left in device table" "$left_dead"
row "sends/s (POST -> last row finished)" "$per_s"
row "sends/s vs fake FCM capacity %" "$ratio"
row "sends/s (first -> last FCM request, $send_ms ms)" "$per_s_sending"
row "CPU % notify / fake FCM during the round (100 = 1 core)" "$notify_cpu / $fcm_cpu"
row "push latency row commit -> FCM answered p50 / p99 ms" "$lat_p50 / $lat_p99"
grep -E 'ERROR|Exception' "$tmp/notify.log" | head -3 || true
# for bench/all.sh's summary
echo "TARGET|per-token sends/s (one replica)|$per_s|>= 10000|$([ "$per_s" -ge 10000 ] && echo yes || echo no)"
echo "TARGET|fake FCM capacity (baseline)|$fcm_rps req/s|well above 10000|$(awk -v x="$fcm_rps" 'BEGIN { print (x + 0 > 20000 ? "yes" : "no") }')"
echo "TARGET|pushes lost (rows failed + pending)|$((failed_rows + pending))|0|$([ $((failed_rows + pending)) = 0 ] && echo yes || echo no)"
