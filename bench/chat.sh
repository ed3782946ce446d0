#!/usr/bin/env bash
# Chat fan-out across chat instances through Redis, against redis-benchmark PUBLISH measured in the same run.
# Needs the local stack (./market up) and a built chat jar. Starts REPLICAS (env, default 2, at most 4) chat
# instances of its own (ports 18082, 18092, 18102, 18112; the same settings as ./market's), and stops them by pid
# at the end.
# Users: connections = 2 x rooms real Keycloak users chat-bench-0001… (created once through the Keycloak
# admin API, kcadmin/kcadmin; a password grant each per run). Room r: seller chat-bench-(2r-1) sells a
# listing 'chat-bench listing' (created once through the product API), buyer chat-bench-(2r) opens the room.
# Each user holds one connection, user k on instance (k-1) mod REPLICAS: with two, sellers on :18082 and buyers on
# :18092; with any number a room's two users are on different instances, so every message crosses Redis. Each
# instance's fan-out counters over the window (envelopes published, received, received for nobody connected there)
# show that a replica receives only its own users' frames.
# The client offers RATE msg/s open-loop but keeps at most INFLIGHT (env, default 16) unacked sends per
# connection; offers beyond that are counted as shed, so latency is measured at the rate actually carried.
# WARMUP=<s> (default 90): load first, not measured, at WARMUP_RATE msg/s (default 300). Both chat JVMs start
# with the bench and their JIT compilers are still busy for a minute or more (C2 took ~20 % of a core per
# replica 40 s after start): a cold replica carries ~400 msg/s, a warm one far more. The warm-up lets them
# compile at a rate they carry cold; WARMUP=10 WARMUP_RATE=<RATE> RAMP=0 measures the cold start instead. RAMP=<s>
# (default 30, not measured either) then raises the rate linearly to RATE: a step from 300 to 2,000 msg/s at the
# window's start measured how fast the replicas' worker threads, connection pools and JIT catch up (p99 1.7-3.5 s
# in the first 5-15 s, 2026-12-03), not the warm service at RATE. RAMP=0: the step.
# The client behaves like the apps (bench/ChatBench.java): it refreshes each user's token a minute before it
# expires and moves to a connection carrying the new one (ROTATE=spread, default: each user's first refresh at a
# random point of its first token's life, as for users who signed in at different times — the bench signs all in
# at once; ROTATE=together: every rotation in the same minute, as before 2026-12-03), reconnects after any close (to the other instance while
# its own is down), resends unacknowledged sends with the same clientMsgId and catches the room up with `after`;
# a last catch-up at the end makes "lost" count only acknowledged messages the server does not have.
# KILL_REPLICA=<s>: kill -9 the instance on :18082 that many seconds into the measured window and start it again.
# Same run, as baselines: redis-benchmark PUBLISH and pgbench of the statement that stores one message
# (bench/chat-append.sql, MessageStore's APPEND, on PGBENCH_ROOMS bench-only rooms, PGBENCH_SECS s, 16 clients).
# Over the measured window: PostgreSQL commits in the chat database per stored message, and CPU per part.
# Bench data: the bench's messages and read marks (and the pgbench rooms) are deleted from the chat database at
# the end; the chat-bench users, their 500 listings and rooms are created once and reused.
# KEEP_LOGS=<dir> keeps the instances' logs (copied there at the end).
# CHAT_JAVA_OPTS: extra JVM options for the instances (experiments, e.g. -XX:TieredStopAtLevel=1).
# CHAT_JAR=path/quarkus-run.jar runs another build of chat (e.g. an older commit's, to compare).
# GROUP_COMMIT=off: the instances store each text message by its own statement (market.chat.group-commit.enabled=false;
# default on, as the service).
# usage: bench/chat.sh [connections, default 1000] [rooms, default 500] [seconds, default 60] [send rate msg/s, default 1000]
# shellcheck disable=SC2154 # the results (msg_per_s, p50, lost, ...) are set by 'declare $(grep ^RESULT ...)' below
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=market
. "$ROOT/market"
pick_java   # the instances run on the JVM and options ./market runs the services with (no AOT cache: a warm bench)
CONNS=${1:-1000}
ROOMS=${2:-500}
SECS=${3:-60}
RATE=${4:-1000}
WARMUP=${WARMUP:-90}
WARMUP_RATE=${WARMUP_RATE:-300}
RAMP=${RAMP:-30}
case ${ROTATE:=spread} in spread | together) ;; *) echo "ROTATE: spread or together"; exit 1 ;; esac
export ROTATE
if ! [[ "$RAMP" =~ ^[0-9]+$ ]] || [ "$RAMP" -gt 600 ]; then echo "RAMP: 0..600 seconds"; exit 1; fi
REPLICAS=${REPLICAS:-2}
[[ "$REPLICAS" =~ ^[2-4]$ ]] || { echo "REPLICAS: 2..4"; exit 1; }
PORTS=(18082 18092 18102 18112)
PORTS=("${PORTS[@]:0:$REPLICAS}")
KILL_REPLICA=${KILL_REPLICA:-}
PGBENCH_SECS=${PGBENCH_SECS:-10}
PGBENCH_ROOMS=${PGBENCH_ROOMS:-500}
PRODUCT=${PRODUCT_URL:-http://127.0.0.1:8081}
KC=${KEYCLOAK_URL:-http://127.0.0.1:8180/auth}
export PGHOST=127.0.0.1 PGPORT=${PG_PORT:-15432} PGUSER=market PGPASSWORD=market PGDATABASE=product
# shellcheck disable=SC2012 # version-numbered directories, sorted by version: no odd characters to mangle
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
JAR=${CHAT_JAR:-$ROOT/chat/target/quarkus-app/quarkus-run.jar}   # CHAT_JAR: another build to compare
[ -f "$JAR" ] || { echo "$JAR missing: build chat first"; exit 1; }
command -v redis-benchmark >/dev/null || { echo "redis-benchmark is needed"; exit 1; }
{ [ "$SECS" -ge 5 ] && [ "$SECS" -le 600 ]; } || { echo "seconds must be 5..600"; exit 1; }
{ [ $((ROOMS % 2)) -eq 0 ] && [ "$ROOMS" -le 2000 ]; } || { echo "rooms must be even and <= 2000"; exit 1; }
curl -fsS "$PRODUCT/q/health/ready" >/dev/null || { echo "product not ready at $PRODUCT: run ./market up"; exit 1; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for port in "${PORTS[@]}"; do
  if ss -ltnH "sport = :$port" | grep -q .; then echo "port $port is in use (a bench instance left running?)"; exit 1; fi
done
tmp=$(mktemp -d)
pids=()
cleanup() {
  set +e # everything below runs, whatever fails
  if [ -n "${killer:-}" ]; then kill "$killer" 2>/dev/null; fi
  if [ -n "${sampler:-}" ]; then kill "$sampler" 2>/dev/null; fi
  for f in "$tmp"/pid-*; do [ -f "$f" ] && pids+=("$(cat "$f")"); done
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; kill -9 "$p" 2>/dev/null || true; done
  if [ -f "$tmp/rooms" ]; then clean_bench_data; fi
  if [ -n "${KEEP_LOGS:-}" ]; then cp "$tmp"/chat-*.log "$KEEP_LOGS"/; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
# run a private copy: other work may rebuild chat/target while the bench runs
cp -r "$(dirname "$JAR")" "$tmp/app" && JAR=$tmp/app/quarkus-run.jar

[ "$CONNS" -eq $((2 * ROOMS)) ] || { echo "connections must be 2 x rooms (one seller and one buyer per room)"; exit 1; }
# a user's token response (access and refresh token) as <name>.json, the access token alone as <name>
token() { curl -fsS -d grant_type=password -d client_id=market-test -d username="$1" -d password="$2" \
  "$KC/realms/market/protocol/openid-connect/token" > "$3.json" && jq -r .access_token "$3.json" > "$3"; }
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
# the chat instances boot while the users sign in; their own fan-out channel, so the stack's replicas do
# not receive (and pay for) the bench's envelopes
start_replica() {
  local port=$1
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
    MARKET_CHAT_FANOUT_CHANNEL="chat:bench-events" \
    MARKET_CHAT_GROUP_COMMIT_ENABLED="$([ "${GROUP_COMMIT:-on}" = off ] && echo false || echo true)" \
    "$SERVICE_JAVA" "${SERVICE_JVM_OPTS[@]}" ${CHAT_JAVA_OPTS:-} \
      -Dquarkus.log.category.\"market.chat.service.Fanout\".level=DEBUG \
      -Dquarkus.log.category.\"market.chat.ws.LocalConnections\".level=DEBUG \
      -jar "$JAR" >> "$tmp/chat-$port.log" 2>&1 &
  echo $! > "$tmp/pid-$port"
}
for port in "${PORTS[@]}"; do start_replica "$port"; done
echo "signing in $CONNS users…"
mkdir -p "$tmp/tok"
# shellcheck disable=SC2016 # $0 is the inner shell's argument
for i in $(seq "$CONNS"); do name "$i"; echo; done | xargs -P4 -I{} bash -c 'token {} {} "$0/tok/{}"' "$tmp"
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
  echo "$pid $s $b"
done > "$tmp/rooms"
# the bench's messages go at the end (cleanup): the rooms of these listings, and the pgbench rooms
clean_bench_data() {
  "$PGBIN/psql" -q -d chat -v ON_ERROR_STOP=1 >/dev/null <<SQL || echo "removing the bench's messages failed"
CREATE TEMP TABLE bench_room AS SELECT id FROM chat_room
 WHERE product_id IN ($(cut -d' ' -f1 "$tmp/rooms" | paste -sd,)) OR buyer_id = 'pgbench-buyer';
UPDATE chat_room SET last_message_id = NULL WHERE id IN (SELECT id FROM bench_room);
DELETE FROM chat_read WHERE room_id IN (SELECT id FROM bench_room);
DELETE FROM message_photo WHERE message_id IN (SELECT id FROM chat_message WHERE room_id IN (SELECT id FROM bench_room));
DELETE FROM chat_message WHERE room_id IN (SELECT id FROM bench_room);
DELETE FROM chat_room WHERE buyer_id = 'pgbench-buyer';
SQL
}

for port in "${PORTS[@]}"; do
  for i in $(seq 120); do curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null && break; sleep 1
    [ "$i" = 120 ] && { echo "chat on $port not ready"; tail -20 "$tmp/chat-$port.log"; exit 1; }; done
done

# baseline: the statement that stores one message (MessageStore's APPEND, one autocommit transaction each), alone,
# 16 clients, on bench-only rooms (product ids -1..-N, buyer pgbench-buyer; deleted again at the end)
"$PGBIN/psql" -q -d chat -v ON_ERROR_STOP=1 -c "INSERT INTO chat_room (product_id, seller_id, seller_nickname, buyer_id,
  buyer_nickname, product_title, product_price, product_status)
  SELECT -g, 'pgbench-seller', 'pgbench', 'pgbench-buyer', 'pgbench', 'pgbench room', 1, 'ON_SALE'
    FROM generate_series(1, $PGBENCH_ROOMS) g ON CONFLICT DO NOTHING" >/dev/null
read -r pg_lo pg_hi < <("$PGBIN/psql" -tA -F' ' -d chat -c "SELECT min(id), max(id) FROM chat_room WHERE buyer_id = 'pgbench-buyer'")
pgb_out=$("$PGBIN/pgbench" -n -M prepared -c 16 -j 2 -T "$PGBENCH_SECS" -D lo="$pg_lo" -D hi="$pg_hi" -D run="$(date +%s)" \
  -f "$ROOT/bench/chat-append.sql" chat 2>&1) || { echo "pgbench failed: $pgb_out"; exit 1; }
pgb_tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$pgb_out" | head -1)
pgb_lat=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' <<<"$pgb_out")

# CPU (utime+stime ticks, /proc) of each part, and the chat database's commits and messages, at a moment
pg_pm=$(ss -ltnpH "sport = :$PGPORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
redis_pid=$(ss -ltnpH "sport = :${REDIS_PORT:-16379}" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
# the stack's product (blocks, listings) and Keycloak (token refreshes) serve the bench's instances too
product_pid=$(ss -ltnpH "sport = :${PRODUCT##*:}" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
kc_pid=$(ss -ltnpH "sport = :${KEYCLOAK_PORT:-8180}" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
# (one awk over all the /proc files: the snapshot must be quick on a loaded machine)
# utime+stime of the processes and of their reaped children, or ("live" first) of the processes alone
ticks() { local f=() p reaped=1; if [ "$1" = live ]; then reaped=0; shift; fi
  for p in "$@"; do [ -r "/proc/$p/stat" ] && f+=("/proc/$p/stat"); done
  if [ ${#f[@]} -gt 0 ]; then awk -v r="$reaped" '{ t += $14 + $15 + r * ($16 + $17) } END { print t + 0 }' "${f[@]}"; else echo 0; fi; }
# ns the live threads of these processes ran and waited on a run queue for a CPU (/proc/<pid>/task/*/schedstat
# fields 1 and 2): how much of each part's time went to waiting for one of the 2 cores ("-" when threads that
# exited in the window make the difference meaningless)
rq() { local p; for p in "$@"; do cat /proc/"$p"/task/*/schedstat 2>/dev/null; done | awk '{ r += $1; w += $2 } END { printf "%.0f %.0f\n", r, w }'; }
snapshot() {
  echo "time $(date +%s.%N)"
  echo "client $(ticks "$client_pid")"
  echo "rq-client $(rq "$client_pid")"   # first: the client exits soon after it marks the end
  for port in "${PORTS[@]}"; do echo "chat-$port $(ticks "$(cat "$tmp/pid-$port")")"; done
  echo "redis $(ticks "$redis_pid")"
  echo "product $(ticks "${product_pid:-0}")"
  echo "keycloak $(ticks "${kc_pid:-0}")"
  for port in "${PORTS[@]}"; do echo "rq-chat-$port $(rq "$(cat "$tmp/pid-$port")")"; done
  echo "rq-redis $(rq "$redis_pid")"
  echo "rq-product $(rq "${product_pid:-0}")"
  echo "rq-keycloak $(rq "${kc_pid:-0}")"
  # shellcheck disable=SC2046 # the children of the postmaster, one argument each
  echo "rq-pg $(rq "$pg_pm" $(ps -o pid= --ppid "$pg_pm"))"
  # bytes Redis wrote to its clients: with fan-out on one shared channel every envelope went to every instance
  echo "redisout $(redis-cli -h 127.0.0.1 -p "${REDIS_PORT:-16379}" INFO stats | tr -d '\r' | sed -n 's/^total_net_output_bytes://p')"
  # shellcheck disable=SC2046 # the children of the postmaster, one argument each
  # (utime+stime of the live processes only: a backend exiting in the window would bring its whole life's CPU
  # into the postmaster's cutime, 346 % of a core once)
  echo "pg $(ticks live "$pg_pm" $(ps -o pid= --ppid "$pg_pm"))"
  echo "commits $("$PGBIN/psql" -tA -d chat -c "SELECT xact_commit FROM pg_stat_database WHERE datname = 'chat'")"
  echo "maxid $("$PGBIN/psql" -tA -d chat -c "SELECT coalesce(max(id), 0) FROM chat_message")"
}

# baseline: raw Redis PUBLISH throughput (what cross-instance fan-out rides on), same run, same machine
pub=$(redis-benchmark -h 127.0.0.1 -p "${REDIS_PORT:-16379}" -n 100000 -c 16 -q PUBLISH chat-bench-baseline hello 2>/dev/null \
  | tr '\r' '\n' | awk '/requests per second/ {for (i = 1; i <= NF; i++) if ($(i+1) == "requests") v = $i} END {print v}')

mkdir -p "$tmp/marks"
ws_urls=$(for port in "${PORTS[@]}"; do echo "ws://127.0.0.1:$port/ws/chat"; done | paste -sd,)
java -Xmx768m -Dinflight="${INFLIGHT:-16}" -Dwarmup="$WARMUP" -DwarmupRate="$WARMUP_RATE" -Dramp="$RAMP" -Dmarks="$tmp/marks" \
  "$ROOT/bench/ChatBench.java" "$SECS" "$RATE" "$ws_urls" "http://127.0.0.1:${PORTS[0]}" \
  "$tmp/rooms" "$tmp/tok" "$KC/realms/market/protocol/openid-connect/token" > "$tmp/result" 2> "$tmp/client.err" &
client_pid=$!
# the measured window's snapshots (the client marks its start and end)
( until [ -f "$tmp/marks/start" ]; do sleep 0.2; done; snapshot > "$tmp/snap-start"
  for port in "${PORTS[@]}"; do curl -fsS "http://127.0.0.1:$port/q/metrics" > "$tmp/metrics0-$port" 2>/dev/null || true; done
  until [ -f "$tmp/marks/end" ]; do sleep 0.2; done; snapshot > "$tmp/snap-end"
  # each replica's own account of where a send's time went (SendStages: p50/p99/max over about the last minute)
  for port in "${PORTS[@]}"; do curl -fsS "http://127.0.0.1:$port/q/metrics" > "$tmp/metrics-$port" 2>/dev/null || true; done ) &
sampler=$!
if [ -n "$KILL_REPLICA" ]; then
  ( until [ -f "$tmp/marks/start" ]; do sleep 0.2; done; sleep "$KILL_REPLICA"
    kill -9 "$(cat "$tmp/pid-${PORTS[0]}")"; echo "killed :${PORTS[0]} at $(date -u +%T)" > "$tmp/killed"
    sleep 2; start_replica "${PORTS[0]}"; echo "restarted :${PORTS[0]} at $(date -u +%T)" >> "$tmp/killed" ) &
  killer=$!
fi
wait "$client_pid" || { cat "$tmp/client.err"; exit 1; }
wait "$sampler" 2>/dev/null || true
sampler=
grep -q '^RESULT' "$tmp/result" || { cat "$tmp/client.err" "$tmp/result"; exit 1; }
# shellcheck disable=SC2046
declare $(grep '^RESULT' "$tmp/result" | sed 's/^RESULT //; s/ errcodes=.*//')
errcodes=$(sed -n 's/.*errcodes=//p' "$tmp/result")
val() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }
if [ -s "$tmp/snap-end" ]; then
  stored=$("$PGBIN/psql" -tA -d chat -c "SELECT count(*) FROM chat_message WHERE id > $(val maxid "$tmp/snap-start") AND id <= $(val maxid "$tmp/snap-end")")
  commits=$(( $(val commits "$tmp/snap-end") - $(val commits "$tmp/snap-start") ))
  window=$(awk -v a="$(val time "$tmp/snap-start")" -v b="$(val time "$tmp/snap-end")" 'BEGIN { printf "%.1f", b - a }')
  per_commit=$(awk -v m="$stored" -v c="$commits" 'BEGIN { printf "%.1f", (c > 0 ? m / c : 0) }')
  cpu_rows=$(for part in pg "${PORTS[@]/#/chat-}" client redis product keycloak; do
    read -r _ run0 wait0 < <(grep "^rq-$part " "$tmp/snap-start")
    read -r _ run1 wait1 < <(grep "^rq-$part " "$tmp/snap-end")
    awk -v p="$part" -v a="$(val "$part" "$tmp/snap-start")" -v b="$(val "$part" "$tmp/snap-end")" -v w="$window" -v m="$stored" \
      -v r="$((run1 - run0))" -v q="$((wait1 - wait0))" \
      'BEGIN { s = (b - a) / 100; if (s < 0) { print p, "restarted", "-", "-"; exit }
             printf "%s %.0f %.2f %s\n", p, (w > 0 ? 100 * s / w : 0), (m > 0 ? 1000 * s / m : 0), (r > 0 && q >= 0 ? sprintf("%.2f", q / r) : "-") }'
  done)
fi
ratio=$(awk -v a="$msg_per_s" -v b="$pub" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }')

printf '\nchat bench: %s connections (one per user, user k on instance (k-1) mod %s: %s), %s rooms, %s s at %s msg/s offered after %s s warm-up at %s msg/s and a %s s ramp, %s\n\n' \
  "$CONNS" "$REPLICAS" "$(printf ':%s ' "${PORTS[@]}")" "$ROOMS" "$SECS" "$RATE" "$WARMUP" "$WARMUP_RATE" "$RAMP" "$(date -u +%FT%TZ)"
echo "instances: JDK $SERVICE_JAVA_VERSION ${SERVICE_JVM_OPTS[*]} ${CHAT_JAVA_OPTS:-}; group commit ${GROUP_COMMIT:-on}; token rotations ${ROTATE:-spread}"
echo
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
row "pgbench message statement tps (baseline)" "$pgb_tps"
row "pgbench latency avg ms (16 clients)" "$pgb_lat"
row "messages stored in window / chat db commits" "${stored:-?} / ${commits:-?}"
row "messages per PostgreSQL commit" "${per_commit:-?}"
row "stored msg/s vs pgbench tps %" "$(awk -v m="${stored:-0}" -v w="${window:-0}" -v t="${pgb_tps:-0}" 'BEGIN { printf "%.0f", (w > 0 && t > 0 ? 100 * m / w / t : 0) }')"
row "client: closes / reconnects / token rotations" "$closes / $reconnects / $rotations"
row "client: sends resent / caught up at the end" "$resent / $final_catchup"
row "delivered msg/s vs PUBLISH %" "$ratio"
row "Redis bytes out per stored message" "$(awk -v a="$(val redisout "$tmp/snap-start" 2>/dev/null)" -v b="$(val redisout "$tmp/snap-end" 2>/dev/null)" -v m="${stored:-0}" 'BEGIN { printf "%.0f", (m > 0 && b > a ? (b - a) / m : 0) }')"
[ "$errors" != 0 ] && echo "error codes: $errcodes"
grep '^latency by\|^lost by\|^acks answering\|^split\|^connections:' "$tmp/client.err" || true
[ -f "$tmp/killed" ] && cat "$tmp/killed"
if [ -n "${cpu_rows:-}" ]; then
  printf '\nCPU over the measured window (%s s; /proc utime+stime; run-queue wait from the live threads'"'"' schedstat):\n\n| %-14s | %14s | %22s | %26s |\n|%s|%s|%s|%s|\n' "$window" part "% of one core" "CPU s per 1,000 msgs" "s waiting for a CPU per s run" \
    "$(printf -- '-%.0s' {1..16})" "$(printf -- '-%.0s' {1..16})" "$(printf -- '-%.0s' {1..24})" "$(printf -- '-%.0s' {1..28})"
  while read -r part pct per waits; do printf '| %-14s | %14s | %22s | %26s |\n' "$part" "$pct" "$per" "$waits"; done <<<"$cpu_rows"
fi
stage_ms() {   # stage, quantile (0.5, 0.99 or max), metrics file -> ms
  awk -v s="stage=\"$1\"" -v q="$2" 'index($0, s) && ((q == "max" && /^chat_send_stage_seconds_max\{/) \
    || (q != "max" && /^chat_send_stage_seconds\{/ && index($0, "quantile=\"" q "\""))) { printf "%.1f", $NF * 1000; exit }' "$3"; }
if [ -s "$tmp/metrics-${PORTS[0]}" ]; then
  printf '\nserver stages of a send (chat.send.stage, about the last minute at the window end), p50 / p99 / max ms:\n\n'
  printf '| %-10s |' stage; for port in "${PORTS[@]}"; do printf ' %24s |' ":$port"; done; printf '\n|------------|'
  for _ in "${PORTS[@]}"; do printf -- '--------------------------|'; done; echo
  for stage in checks queued statement handoff deliver; do
    printf '| %-10s |' "$stage"
    for port in "${PORTS[@]}"; do
      mf="$tmp/metrics-$port"
      printf ' %24s |' "$(stage_ms "$stage" 0.5 "$mf") / $(stage_ms "$stage" 0.99 "$mf") / $(stage_ms "$stage" max "$mf")"
    done
    echo
  done
  # fan-out envelopes over the window (chat.fanout.envelopes, counted since each instance started)
  envelopes() { awk -v d="direction=\"$1\"" '/^chat_fanout_envelopes_total\{/ && index($0, d) { printf "%.0f", $NF; f = 1 } END { if (!f) print 0 }' "$2"; }
  printf '\nfan-out envelopes over the measured window, per instance (published to other instances / received / of those for nobody connected here):\n\n'
  printf '| %-8s | %12s | %12s | %12s | %16s |\n|----------|--------------|--------------|--------------|------------------|\n' \
    instance published received unaddressed "received per msg"
  for port in "${PORTS[@]}"; do
    cells=()
    for d in published received unaddressed; do
      cells+=($(( $(envelopes "$d" "$tmp/metrics-$port") - $(envelopes "$d" "$tmp/metrics0-$port") )))
    done
    printf '| %-8s | %12s | %12s | %12s | %16s |\n' ":$port" "${cells[@]}" \
      "$(awk -v r="${cells[1]}" -v m="${stored:-0}" 'BEGIN { printf "%.2f", (m > 0 ? r / m : 0) }')"
  done
fi
grep -q 'closed\|error' "$tmp/client.err" && { echo "client notes:"; grep 'closed\|error' "$tmp/client.err" | head -5; }
echo
echo "target: p99 < 100 ms at 2,000 msg/s delivered across two replicas, lost = 0 (load before: ${load_before:-?}; $REPLICAS instances)"
# for bench/all.sh's summary
echo "TARGET|delivered msg/s (offered $RATE)|$msg_per_s|>= 2000|$(awk -v x="$msg_per_s" 'BEGIN { print (x + 0 >= 2000 ? "yes" : "no") }')"
echo "TARGET|e2e latency p99|$p99 ms|< 100 ms|$(awk -v x="$p99" 'BEGIN { print (x + 0 < 100 ? "yes" : "no") }')"
echo "TARGET|lost|$lost|0|$([ "$lost" = 0 ] && echo yes || echo no)"
