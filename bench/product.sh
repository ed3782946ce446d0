#!/usr/bin/env bash
# Product feed/search/detail throughput and latency, against the same SQL run by pgbench in the same run.
# Needs the local stack (./market up: PostgreSQL, Redis, S3, Keycloak) and a built product. The bench keeps its
# data out of the marketplace: it runs its OWN product (a private copy of the build, on :18181, the JVM ./market
# runs services on, with its AOT cache when there is one) against its own database product_bench, created by
# Flyway on first use and seeded once with 100,000 listings across the 426 서울 동 (seller ids 'bench-*'); the
# database is kept for the next run (DROP=1 drops it at the end). Listings that earlier versions of this bench
# seeded into the marketplace's own database (seller ids 'bench-*') are removed from it.
# WARMUP=<s> (default 20): load on every scenario first, not measured — the JVM has just started (WARMUP=0
# measures the cold start). GC_LOG=<file>: the service's GC log (-Xlog:gc*). JFR=<file>: a flight recording of
# the measured part.
# usage: bench/product.sh [seconds per run, default 15] [connections, default 16]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DUR=${1:-15}
CONN=${2:-16}
WARMUP=${WARMUP:-20}
BENCH_PORT=18181
SVC=http://127.0.0.1:$BENCH_PORT
# shellcheck source=market
. "$ROOT/market"
export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=market PGPASSWORD=market PGDATABASE=product_bench
PGBIN=$(pg_bin)
command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }
service_ready "$PRODUCT_PORT" || { echo "the stack is not up: run ./market up"; exit 1; }
[ -f "$ROOT/product/target/quarkus-app/quarkus-run.jar" ] || { echo "build product first (./market build)"; exit 1; }

old=$("$PGBIN/psql" -d product -tAc "SELECT count(*) FROM product WHERE seller_id LIKE 'bench-%'")
if [ "$old" -gt 0 ]; then
  echo "removing $old bench listings an earlier version of this bench put in the marketplace's database…"
  "$PGBIN/psql" -q -d product -v ON_ERROR_STOP=1 <<'SQL'
BEGIN;
CREATE TEMP TABLE gone ON COMMIT DROP AS SELECT id FROM product WHERE seller_id LIKE 'bench-%';
DELETE FROM product_view WHERE product_id IN (SELECT id FROM gone);
DELETE FROM product_like WHERE product_id IN (SELECT id FROM gone);
DELETE FROM product_chat WHERE product_id IN (SELECT id FROM gone);
DELETE FROM product_comment WHERE product_id IN (SELECT id FROM gone);
DELETE FROM product_image WHERE product_id IN (SELECT id FROM gone);
DELETE FROM review WHERE product_id IN (SELECT id FROM gone);
DELETE FROM trade WHERE product_id IN (SELECT id FROM gone);
DELETE FROM product WHERE id IN (SELECT id FROM gone);
COMMIT;
SQL
fi

tmp=$(mktemp -d)
svc_pid=""
cleanup() {
  if [ -n "$svc_pid" ]; then kill "$svc_pid" 2>/dev/null || true; wait "$svc_pid" 2>/dev/null || true; fi
  [ "${DROP:-0}" = 1 ] && "$PGBIN/dropdb" --if-exists product_bench
  rm -rf "$tmp"
}
trap cleanup EXIT
"$PGBIN/psql" -d product -tAc "SELECT 1 FROM pg_database WHERE datname = 'product_bench'" | grep -q 1 \
  || "$PGBIN/createdb" product_bench
# a private copy: other work may rebuild product/target while the bench runs
cp -r "$ROOT/product/target/quarkus-app" "$tmp/app"
pick_java
opts=("${SERVICE_JVM_OPTS[@]}")
if [ "$AOT" = 1 ] && aot_fresh product; then opts+=(-XX:AOTCache="$AOT_DIR/product.aot"); fi
if [ -n "${PRODUCT_JAVA_OPTS:-}" ]; then read -r -a extra <<<"$PRODUCT_JAVA_OPTS"; opts+=("${extra[@]}"); fi
[ -n "${GC_LOG:-}" ] && opts+=("-Xlog:gc*:file=$GC_LOG:uptime,level,tags")
SERVICE_DB=product_bench service_env product "$BENCH_PORT"
env "${SERVICE_ENV[@]}" "$SERVICE_JAVA" "${opts[@]}" -jar "$tmp/app/quarkus-run.jar" > "$tmp/product.log" 2>&1 &
svc_pid=$!
await_jvm "$svc_pid" "$BENCH_PORT" 300 || { echo "the bench's product did not start:"; tail -20 "$tmp/product.log"; exit 1; }
jvm="JDK $SERVICE_JAVA_VERSION ${opts[*]}"

seeded=$("$PGBIN/psql" -tAc "SELECT count(*) FROM product WHERE seller_id LIKE 'bench-%'")
if [ "$seeded" -lt 100000 ]; then
  echo "seeding $((100000 - seeded)) listings into product_bench (once)…"
  "$PGBIN/psql" -q <<SQL
INSERT INTO product (seller_id, title, description, price, category, region, region_code, status, bumped_at, created_at, updated_at)
SELECT 'bench-' || (g % 5000),
       (ARRAY['삼천리','아이패드','컴퓨터책상','원목','캠핑','유아','겨울','가죽','무선','빈티지'])[1 + g % 10] || ' ' ||
       (ARRAY['자전거','의자','책상','가방','모자','냉장고','노트북','소파','텐트','Apple iPad Air'])[1 + (g / 10) % 10] || ' 팝니다 ' || g,
       '상태 좋아요. 직거래 환영합니다. item ' || g,
       (g % 200) * 5000,
       (ARRAY['DIGITAL','APPLIANCES','FURNITURE','KITCHEN','KIDS','SPORTS','HOBBY','BOOKS','OTHER'])[1 + g % 9],
       r.dong, r.code,
       (ARRAY['ON_SALE','ON_SALE','ON_SALE','RESERVED','SOLD'])[1 + g % 5],
       now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval, now()
FROM generate_series($seeded + 1, 100000) AS g
JOIN (SELECT row_number() OVER (ORDER BY code) - 1 AS n, code, dong FROM region WHERE code LIKE '11%') r ON r.n = g % 426;
ANALYZE product;
SQL
fi
# The 동 a range reaches from 역삼1동 (Regions.within: haversine between the points, radius 6,371,008.8 m), as the
# array literal the service binds.
reach() { "$PGBIN/psql" -tAc "SELECT array_agg(r.code ORDER BY r.code) FROM region c, region r WHERE c.code = '1168064000' AND 2 * 6371008.8 * asin(least(1, sqrt(sin(radians(r.lat - c.lat) / 2) ^ 2 + cos(radians(c.lat)) * cos(radians(r.lat)) * sin(radians(r.lng - c.lng) / 2) ^ 2))) <= $1"; }
near1=$(reach 3000)
near3=$(reach 10000)

# Cursor of page 50 (20 per page), walked through the API.
cursor=""
for _ in $(seq 49); do
  cursor=$(curl -fsS "$SVC/api/products?size=20${cursor:+&cursor=$cursor}" | jq -r .nextCursor)
done
# bumped_at prints with a space ("2026-01-01 10:00:00+00"), so split on '|' rather than on whitespace
IFS='|' read -r k_ts k_id < <("$PGBIN/psql" -tAF'|' -c "SELECT bumped_at, id FROM product WHERE deleted_at IS NULL AND hidden_at IS NULL ORDER BY bumped_at DESC, id DESC OFFSET 999 LIMIT 1")
detail_id=$("$PGBIN/psql" -tAc "SELECT id FROM product WHERE seller_id LIKE 'bench-%' ORDER BY id LIMIT 1 OFFSET 5000")
q_jajeongeo=$(printf '자전거' | jq -sRr @uri)
q_chaeksang=$(printf '책상' | jq -sRr @uri)
q_rare=$(printf '팝니다 12345' | jq -sRr @uri)

# The SQL the service sends for each request (FeedStore.feed / ProductStore.view), with the
# request's values in place of its parameters. Keep in sync with the Java code.
cols() { local a=$1; echo "$a.id, $a.title, $a.price, $a.negotiable, $a.category, $a.region, $a.region_code, $a.status, $a.buyer_id, $a.seller_id, $a.like_count, $a.chat_count, $a.comment_count, $a.view_count, $a.created_at, $a.updated_at, $a.bumped_at, $a.version, $a.hidden_at"; }
order() { printf "%s.bumped_at DESC, %s.id DESC" "$1" "$1"; }
# a page of rows (listing columns as p) with seller, first thumbnail and liked (anonymous caller: false)
page() { echo "SELECT $(cols p), u.nickname, u.manner_temperature, (SELECT i.thumb_key FROM product_image i WHERE i.product_id = p.id ORDER BY i.id LIMIT 1) AS thumb_key, false AS liked FROM ($1) p LEFT JOIN user_profile u ON u.id = p.seller_id ORDER BY $(order p);"; }
feed() { echo "SELECT $(cols p) FROM product p WHERE $1 ORDER BY $(order p) LIMIT 21"; }
# search: walk the newest 1,050 candidates first; only if that finds no full page (21 rows) and did not
# cover every candidate, the text-index query (one statement, see FeedStore.Search)
search() { local where=$1 walk_match=$2 index_match=$3
  echo "WITH hits AS (SELECT $(cols w) FROM (SELECT p.* FROM product p WHERE $where ORDER BY $(order p) LIMIT 1050) w WHERE $walk_match ORDER BY $(order w) LIMIT 21), walked AS (SELECT (SELECT count(*) FROM hits) = 21 OR (SELECT count(*) FROM (SELECT 1 FROM product p WHERE $where LIMIT 1050) x) < 1050 AS done), matches AS MATERIALIZED (SELECT $(cols p) FROM product p WHERE $where AND $index_match) SELECT * FROM hits WHERE (SELECT done FROM walked) UNION ALL SELECT * FROM (SELECT * FROM matches m ORDER BY $(order m) LIMIT 21) g WHERE NOT (SELECT done FROM walked)"; }
T="(p.title || ' ' || p.description)"
W="(w.title || ' ' || w.description)"
# wrk connects from 127.0.0.1, so the service counts views for viewer 'a:127.0.0.1' (once per hour)
detail_sql="WITH counted AS (INSERT INTO product_view (product_id, viewer, viewed_at) SELECT p.id, 'a:127.0.0.1', now() FROM product p WHERE p.id = $detail_id AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND p.seller_id IS DISTINCT FROM CAST(NULL AS varchar) AND NOT EXISTS (SELECT 1 FROM product_view v WHERE v.product_id = p.id AND v.viewer = 'a:127.0.0.1' AND v.viewed_at >= now() - interval '1 hour') AND NOT EXISTS (SELECT 1 FROM user_block b WHERE (b.blocker_id = NULL AND b.blocked_id = p.seller_id) OR (b.blocker_id = p.seller_id AND b.blocked_id = NULL)) ON CONFLICT (product_id, viewer) DO UPDATE SET viewed_at = now() WHERE product_view.viewed_at < now() - interval '1 hour' RETURNING product_id), bumped AS (UPDATE product SET view_count = view_count + 1 WHERE id IN (SELECT product_id FROM counted) RETURNING view_count) SELECT p.id, p.title, p.description, p.price, p.negotiable, p.category, p.region, p.region_code, p.status, p.buyer_id, p.seller_id, u.nickname, u.manner_temperature, false AS liked, p.like_count, p.chat_count, p.comment_count, coalesce((SELECT view_count FROM bumped), p.view_count) AS view_count, p.created_at, p.updated_at, p.bumped_at, p.version, p.hidden_at IS NOT NULL AS hidden, i.id AS image_id, i.object_key, i.thumb_key, i.width, i.height FROM product p LEFT JOIN user_profile u ON u.id = p.seller_id LEFT JOIN product_image i ON i.product_id = p.id WHERE p.id = $detail_id AND p.deleted_at IS NULL AND (p.hidden_at IS NULL OR p.seller_id = CAST(NULL AS varchar)) ORDER BY i.id;"
# what FeedStore.feed asks of every listing an anonymous caller sees (not deleted, not hidden by moderation)
live="p.deleted_at IS NULL AND p.hidden_at IS NULL"

# name | URL path | pgbench protocol | SQL the service runs for it (pgbench baseline). The service's JDBC
# driver turns a statement it runs often into a prepared one (-M prepared), except with a price range,
# which it has planned with its values every time (-M extended).
scenarios=(
  "feed page 1|/api/products?size=20|prepared|$(page "$(feed "$live")")"
  "feed page 50 (cursor)|/api/products?size=20&cursor=$cursor|prepared|$(page "$(feed "$live AND (p.bumped_at, p.id) < ('$k_ts', $k_id)")")"
  "filtered (동+category+price)|/api/products?size=20&regionCode=1168064000&range=0&category=DIGITAL&minPrice=10000&maxPrice=500000|extended|$(page "$(feed "$live AND p.region_code = ANY('{1168064000}') AND p.category = 'DIGITAL' AND p.price >= 10000 AND p.price <= 500000")")"
  "range 1 (역삼1동 ≤ 3 km)|/api/products?size=20&regionCode=1168064000&range=1|extended|$(page "$(feed "$live AND p.region_code = ANY('$near1')")")"
  "range 3 (역삼1동 ≤ 10 km)|/api/products?size=20&regionCode=1168064000&range=3|extended|$(page "$(feed "$live AND p.region_code = ANY('$near3')")")"
  "search q=자전거 (trigram)|/api/products?size=20&q=$q_jajeongeo|prepared|$(page "$(search "$live" "strpos($W, '자전거') > 0" "lower$T LIKE '%자전거%'")")"
  "search q=책상 (2 syllables)|/api/products?size=20&q=$q_chaeksang|prepared|$(page "$(search "$live" "strpos($W, '책상') > 0" "word_bigrams$T @> ARRAY[CAST('책상' AS text)] AND strpos(lower$T, '책상') > 0")")"
  "search q=팝니다 12345 (rare)|/api/products?size=20&q=$q_rare|prepared|$(page "$(search "$live" "strpos($W, '팝니다 12345') > 0" "lower$T LIKE '%팝니다 12345%'")")"
  "detail|/api/products/$detail_id|prepared|$detail_sql"
)

if [ -n "${ONLY:-}" ]; then
  kept=(); for s in "${scenarios[@]}"; do grep -qE -- "$ONLY" <<<"${s%%|*}" && kept+=("$s"); done
  [ ${#kept[@]} -gt 0 ] || { echo "ONLY=$ONLY matches no scenario"; exit 1; }
  scenarios=("${kept[@]}")
fi
# busy jiffies of the whole machine (/proc/stat: all but idle and iowait) and of one process (utime+stime)
busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
us_per() { awk -v t="$1" -v n="$2" -v hz="$hz" 'BEGIN { printf "%.0f", (n > 0 ? t * 1e6 / hz / n : 0) }'; }

# Warm-up: the bench's JVM has just started; load every scenario for WARMUP s in all (not measured).
if [ "$WARMUP" -gt 0 ]; then
  per=$(( (WARMUP + ${#scenarios[@]} - 1) / ${#scenarios[@]} ))
  for s in "${scenarios[@]}"; do
    IFS='|' read -r _ path _ _ <<<"$s"
    wrk -t2 -c"$CONN" -d"${per}s" "$SVC$path" > /dev/null
  done
fi
if [ -n "${JFR:-}" ]; then
  jcmd=$(dirname "$(readlink -f "$SERVICE_JAVA")")/jcmd
  "$jcmd" "$svc_pid" JFR.start name=bench settings=profile filename="$JFR" > /dev/null
fi
printf '\nproduct bench: %s s per run, %s connections, %s listings (product_bench), %s, warm-up %s s, load average %s\n' \
  "$DUR" "$CONN" "$("$PGBIN/psql" -tAc 'SELECT count(*) FROM product WHERE deleted_at IS NULL')" "$(date -u +%FT%TZ)" \
  "$WARMUP" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'service: the bench'"'"'s own product on %s\n\n' "$jvm"
printf '| %-30s | %9s | %8s | %8s | %11s | %13s | %11s | %11s | %16s | %13s |\n' scenario "req/s" "p50 ms" "p99 ms" "pgbench tps" "svc/pgbench %" \
  "pgbench p50" "pgbench p99" "CPU µs/req (svc)" "CPU µs/tx pgb"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..32})" ----------- ---------- ---------- ------------- --------------- \
  ------------- ------------- ------------------ ---------------
targets=()
for s in "${scenarios[@]}"; do
  IFS='|' read -r name path mode sql <<<"$s"
  curl -fsS -o /dev/null "$SVC$path" || { echo "warm-up failed for $name ($SVC$path)"; exit 1; }
  b0=$(busy); s0=$(ticks "$svc_pid")
  wrk -t2 -c"$CONN" -d"${DUR}s" --latency "$SVC$path" > "$tmp/wrk.txt" || { echo "wrk failed for $name"; exit 1; }
  b1=$(busy); s1=$(ticks "$svc_pid")
  rps=$(awk '/Requests\/sec/ {print $2}' "$tmp/wrk.txt")
  to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/,"",v); printf "%.2f", v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v); printf "%.2f", v } else { sub(/s$/,"",v); printf "%.2f", v*1000 } }'; }
  p50=$(to_ms "$(awk '$1=="50.000%" || $1=="50%" {print $2}' "$tmp/wrk.txt")")
  p99=$(to_ms "$(awk '$1=="99.000%" || $1=="99%" {print $2}' "$tmp/wrk.txt")")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$tmp/wrk.txt"); [ -n "$non2xx" ] && echo "  (warning: $non2xx non-2xx responses for $name)"
  echo "$sql" > "$tmp/q.sql"
  rm -f "$tmp"/pgb.*
  b2=$(busy)
  "$PGBIN/pgbench" -n -M "$mode" -c"$CONN" -j2 -T"$DUR" -l --log-prefix="$tmp/pgb" -f "$tmp/q.sql" > "$tmp/pgbench.txt" 2>&1 \
    || { echo "pgbench failed for $name:"; tail -5 "$tmp/pgbench.txt"; exit 1; }
  b3=$(busy)
  tps=$(awk '/^tps/ {print $3; exit}' "$tmp/pgbench.txt")
  txs=$(awk '/number of transactions actually processed/ { split($NF, a, "/"); print a[1] }' "$tmp/pgbench.txt")
  # per-transaction log: client, transaction no, latency µs, …
  read -r pg50 pg99 < <(cat "$tmp"/pgb.* | awk '{ print $3 }' | sort -n | awk '{ v[NR] = $1 } END { i = int(NR * 0.5); j = int(NR * 0.99); if (i < 1) i = 1; if (j < 1) j = 1; printf "%.2f %.2f\n", v[i] / 1000, v[j] / 1000 }')
  reqs=$(awk '/requests in/ { print $1; exit }' "$tmp/wrk.txt")
  cpu_svc="$(us_per $((b1 - b0)) "$reqs") ($(us_per $((s1 - s0)) "$reqs"))"
  cpu_pgb=$(us_per $((b3 - b2)) "$txs")
  ratio=$(awk -v a="$rps" -v b="$tps" 'BEGIN { printf "%.0f", (b > 0 ? 100 * a / b : 0) }')
  printf '| %-30s | %9.0f | %8s | %8s | %11.0f | %13s | %11s | %11s | %16s | %13s |\n' "$name" "$rps" "$p50" "$p99" "$tps" "$ratio" \
    "$pg50" "$pg99" "$cpu_svc" "$cpu_pgb"
  targets+=("TARGET|$name p99|$p99 ms|< 50 ms|$(awk -v v="$p99" 'BEGIN { print (v < 50 ? "yes" : "no") }')")
  case $name in feed*|detail) targets+=("TARGET|$name svc/pgbench|$ratio %|>= 60 %|$([ "$ratio" -ge 60 ] && echo yes || echo no)") ;; esac
done
[ -n "${JFR:-}" ] && "$jcmd" "$svc_pid" JFR.stop name=bench > /dev/null
echo
printf '%s\n' "${targets[@]}"
echo "targets (#18): p99 < 50 ms for every scenario at 16 connections; service >= 60% of pgbench for feed and detail"
echo "CPU µs/req (svc): the machine's busy CPU per request while wrk ran (the service's own in brackets); CPU µs/tx pgb: the same per pgbench transaction"
