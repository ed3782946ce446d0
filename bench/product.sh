#!/usr/bin/env bash
# Product feed/search/detail throughput and latency, against the same SQL run by pgbench in the same run.
# Needs the local stack (./market up). Seeds 100,000 listings across 50 동네 once (seller ids 'bench-*').
# usage: bench/product.sh [seconds per run, default 15] [connections, default 16]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DUR=${1:-15}
CONN=${2:-16}
SVC=${PRODUCT_URL:-http://127.0.0.1:8081}
export PGHOST=127.0.0.1 PGPORT=${PG_PORT:-15432} PGUSER=market PGPASSWORD=market PGDATABASE=product
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }
curl -fsS "$SVC/q/health/ready" >/dev/null || { echo "product service not ready at $SVC: run ./market up"; exit 1; }

seeded=$("$PGBIN/psql" -tAc "SELECT count(*) FROM product WHERE seller_id LIKE 'bench-%'")
if [ "$seeded" -lt 100000 ]; then
  echo "seeding $((100000 - seeded)) listings…"
  "$PGBIN/psql" -q <<SQL
INSERT INTO product (seller_id, title, description, price, category, region, status, bumped_at, created_at, updated_at)
SELECT 'bench-' || (g % 5000),
       (ARRAY['삼천리','아이패드','컴퓨터책상','원목','캠핑','유아','겨울','가죽','무선','빈티지'])[1 + g % 10] || ' ' ||
       (ARRAY['자전거','의자','책상','가방','모자','냉장고','노트북','소파','텐트','Apple iPad Air'])[1 + (g / 10) % 10] || ' 팝니다 ' || g,
       '상태 좋아요. 직거래 환영합니다. item ' || g,
       (g % 200) * 5000,
       (ARRAY['DIGITAL','APPLIANCES','FURNITURE','KITCHEN','KIDS','SPORTS','HOBBY','BOOKS','OTHER'])[1 + g % 9],
       '동네' || lpad((g % 50)::text, 2, '0') || '동',
       (ARRAY['ON_SALE','ON_SALE','ON_SALE','RESERVED','SOLD'])[1 + g % 5],
       now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval, now()
FROM generate_series($seeded + 1, 100000) AS g;
ANALYZE product;
SQL
fi

# Cursor of page 50 (20 per page), walked through the API.
cursor=""
for _ in $(seq 49); do
  cursor=$(curl -fsS "$SVC/api/products?size=20${cursor:+&cursor=$cursor}" | jq -r .nextCursor)
done
# bumped_at prints with a space ("2026-01-01 10:00:00+00"), so split on '|' rather than on whitespace
IFS='|' read -r k_ts k_id < <("$PGBIN/psql" -tAF'|' -c "SELECT bumped_at, id FROM product WHERE deleted_at IS NULL ORDER BY bumped_at DESC, id DESC OFFSET 999 LIMIT 1")
detail_id=$("$PGBIN/psql" -tAc "SELECT id FROM product WHERE seller_id LIKE 'bench-%' ORDER BY id LIMIT 1 OFFSET 5000")
T="(p.title || ' ' || p.description)"
q_jajeongeo=$(printf '자전거' | jq -sRr @uri)
q_chaeksang=$(printf '책상' | jq -sRr @uri)

# name | URL path | SQL the service runs for it (pgbench baseline)
scenarios=(
  "feed page 1|/api/products?size=20|SELECT p.* FROM product p WHERE p.deleted_at IS NULL ORDER BY p.bumped_at DESC, p.id DESC LIMIT 21;"
  "feed page 50 (cursor)|/api/products?size=20&cursor=$cursor|SELECT p.* FROM product p WHERE p.deleted_at IS NULL AND (p.bumped_at, p.id) < ('$k_ts', $k_id) ORDER BY p.bumped_at DESC, p.id DESC LIMIT 21;"
  "filtered (동네+category+price)|/api/products?size=20&region=%EB%8F%99%EB%84%A407%EB%8F%99&category=DIGITAL&minPrice=10000&maxPrice=500000|SELECT p.* FROM product p WHERE p.deleted_at IS NULL AND p.region = '동네07동' AND p.category = 'DIGITAL' AND p.price >= 10000 AND p.price <= 500000 ORDER BY p.bumped_at DESC, p.id DESC LIMIT 21;"
  "search q=자전거 (trigram)|/api/products?size=20&q=$q_jajeongeo|SELECT p.* FROM product p WHERE p.deleted_at IS NULL AND lower$T LIKE '%자전거%' ORDER BY p.bumped_at DESC, p.id DESC LIMIT 21;"
  "search q=책상 (2 syllables)|/api/products?size=20&q=$q_chaeksang|SELECT p.* FROM product p WHERE p.deleted_at IS NULL AND word_bigrams$T @> ARRAY['책상'] AND strpos(lower$T, '책상') > 0 ORDER BY p.bumped_at DESC, p.id DESC LIMIT 21;"
  "detail|/api/products/$detail_id|SELECT p.* FROM product p WHERE p.id = $detail_id AND p.deleted_at IS NULL;"
)

tmp=$(mktemp -d)
printf '\nproduct bench: %s s per run, %s connections, %s listings, %s\n\n' "$DUR" "$CONN" \
  "$("$PGBIN/psql" -tAc 'SELECT count(*) FROM product WHERE deleted_at IS NULL')" "$(date -u +%FT%TZ)"
printf '| %-30s | %9s | %8s | %8s | %11s | %13s |\n' scenario "req/s" "p50 ms" "p99 ms" "pgbench tps" "svc/pgbench %"
printf '|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..32})" ----------- ---------- ---------- ------------- ---------------
for s in "${scenarios[@]}"; do
  IFS='|' read -r name path sql <<<"$s"
  curl -fsS -o /dev/null "$SVC$path" || { echo "warm-up failed for $name ($SVC$path)"; exit 1; }
  wrk -t2 -c"$CONN" -d"${DUR}s" --latency "$SVC$path" > "$tmp/wrk.txt" || { echo "wrk failed for $name"; exit 1; }
  rps=$(awk '/Requests\/sec/ {print $2}' "$tmp/wrk.txt")
  to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/,"",v); printf "%.2f", v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v); printf "%.2f", v } else { sub(/s$/,"",v); printf "%.2f", v*1000 } }'; }
  p50=$(to_ms "$(awk '$1=="50.000%" || $1=="50%" {print $2}' "$tmp/wrk.txt")")
  p99=$(to_ms "$(awk '$1=="99.000%" || $1=="99%" {print $2}' "$tmp/wrk.txt")")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$tmp/wrk.txt"); [ -n "$non2xx" ] && echo "  (warning: $non2xx non-2xx responses for $name)"
  echo "$sql" > "$tmp/q.sql"
  "$PGBIN/pgbench" -n -c"$CONN" -j2 -T"$DUR" -f "$tmp/q.sql" > "$tmp/pgbench.txt" 2>&1 \
    || { echo "pgbench failed for $name:"; tail -5 "$tmp/pgbench.txt"; exit 1; }
  tps=$(awk '/^tps/ {print $3; exit}' "$tmp/pgbench.txt")
  ratio=$(awk -v a="$rps" -v b="$tps" 'BEGIN { printf "%.0f", (b > 0 ? 100 * a / b : 0) }')
  printf '| %-30s | %9.0f | %8s | %8s | %11.0f | %13s |\n' "$name" "$rps" "$p50" "$p99" "$tps" "$ratio"
done
rm -rf "$tmp"
echo
echo "targets: feed and search p99 < 50 ms at 16 connections; page 50 as fast as page 1; service >= 40% of pgbench"
