#!/usr/bin/env bash
# The web app as users feel it: Lighthouse 12 (mobile preset — simulated slow 4G and 4x CPU slowdown —
# performance, accessibility, best practices) on the feed, a listing and a chat room (signed in as bob), beside a
# static baseline page served the same way in the same run; prints scores, FCP/LCP/TBT/CLS, Lighthouse's own
# machine-speed figure (benchmarkIndex) and the main bundle's gzip size.
#
# Needs the local stack (./market up). The pages are served by a copy of the stack's gateway config (same headers,
# gzip_static, upstreams) on a port of this script's own, with the web app's files from DIST (default: the
# stack's build); Chromium reaches it under the origin http://localhost:8080 (--host-resolver-rules), the only
# origin the Keycloak client's redirect URIs allow, so sign-in and the silent SSO iframe work as on the gateway.
#
# usage: bench/lighthouse.sh [runs per page, default 1: with more, the median run by performance score]
#   DIST=frontend/dist   measure a build of this tree (npm run build) instead of the stack's
#   MARKET_HOME          the stack's state dir (default: <repo>/.market), for its gateway config and build
#   LH_PORT=4180         where the copy of the gateway listens (127.0.0.1)
#   LH_USER / LH_PASSWORD   who signs in for the chat room (default bob/bob)
#   LH_SERVE_ONLY=1      only serve (until interrupted), e.g. to run the e2e tests or axe against DIST: start
#                        Chromium with --host-resolver-rules="MAP localhost:8080 127.0.0.1:$LH_PORT"
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-1}
MARKET_HOME=${MARKET_HOME:-$ROOT/.market}
PORT=${LH_PORT:-4180}
ORIGIN=http://localhost:8080
GW=$MARKET_HOME/gateway
WWW=${DIST:-$MARKET_HOME/www}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

[ -f "$GW/nginx.conf" ] || { echo "no gateway config in $GW: run ./market up (or set MARKET_HOME)"; exit 1; }
[ -f "$WWW/index.html" ] || { echo "no index.html in $WWW (DIST: run npm run build in frontend/)"; exit 1; }
curl -fsS -o /dev/null "http://127.0.0.1:8080/api/categories" || { echo "the stack does not answer on :8080"; exit 1; }
command -v "$CHROME_PATH" >/dev/null || { echo "no Chromium at $CHROME_PATH (apt-get install chromium)"; exit 1; }
NGINX=nginx; command -v nginx >/dev/null || NGINX=/usr/sbin/nginx

# Lighthouse is a bench tool: its own package.json and lock, installed here only.
if [ ! -d "$ROOT/bench/lighthouse/node_modules" ] || [ "$ROOT/bench/lighthouse/package-lock.json" -nt "$ROOT/bench/lighthouse/node_modules" ]; then
  (cd "$ROOT/bench/lighthouse" && npm ci --no-audit --no-fund --loglevel=error)
fi

TMP=$(mktemp -d /tmp/lighthouse-bench.XXXXXX)
chmod 755 "$TMP"
cleanup() {
  if [ -f "$TMP/nginx.pid" ]; then kill "$(cat "$TMP/nginx.pid")" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

# The files, precompressed as ./market does for the gateway's gzip_static, and the baseline page: static HTML
# with a heading and a paragraph, no script — the floor of what the mobile preset can score on this machine now.
cp -r "$WWW" "$TMP/www"
find "$TMP/www" -type f \( -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.json' \) \
  ! -name '*.gz' -size +255c -exec gzip -9 -k -f {} +
mkdir -p "$TMP/baseline" "$TMP/tmp"
cat > "$TMP/baseline/bench-baseline.html" <<'EOF'
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="Lighthouse baseline page"><title>baseline</title></head>
<body><main><h1>Baseline</h1><p>A static page served by the same nginx configuration as the web app.</p></main></body>
</html>
EOF
[ "$(id -u)" = 0 ] && chown -R nobody "$TMP/tmp"

# The gateway's config with its own pid, logs, temp dirs, port and root; X-Forwarded-Port stays the browser's.
# shellcheck disable=SC2016 # $server_port is nginx's variable, written literally
for f in "$GW"/*.conf; do
  sed -e "s#$GW/#$TMP/#g" -e 's#X-Forwarded-Port \$server_port#X-Forwarded-Port 8080#' "$f" > "$TMP/$(basename "$f")"
done
sed -i -E \
  -e "s#^pid .*#pid $TMP/nginx.pid;#" \
  -e "s#^error_log .*#error_log $TMP/error.log warn;#" \
  -e "s#access_log [^;]+;#access_log $TMP/access.log;#" \
  -e "s#(client_body|proxy|fastcgi|uwsgi|scgi)_temp_path [^;]+;#\1_temp_path $TMP/tmp/\1;#g" \
  -e "s#listen 127\.0\.0\.1:[0-9]+;#listen 127.0.0.1:$PORT;#" \
  -e "s#root [^;]+;#root $TMP/www;#" \
  -e "s#server_name localhost;#server_name localhost;\n    location = /bench-baseline.html { root $TMP/baseline; include $TMP/spa-headers.conf; add_header Cache-Control \"no-cache\" always; }#" \
  "$TMP/nginx.conf"
"$NGINX" -c "$TMP/nginx.conf" -p "$TMP" -e "$TMP/error.log"
for _ in $(seq 50); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/bench-baseline.html" 2>/dev/null && break; sleep 0.1; done

if [ "${LH_SERVE_ONLY:-}" = 1 ]; then
  echo "serving $WWW as http://localhost:8080 on 127.0.0.1:$PORT; Chromium: --host-resolver-rules=\"MAP localhost:8080 127.0.0.1:$PORT\""
  trap 'exit 0' INT TERM
  while kill -0 "$(cat "$TMP/nginx.pid")" 2>/dev/null; do sleep 1; done
  exit 0
fi

echo "# bench/lighthouse.sh $(date -u '+%Y-%m-%d %H:%M UTC'), code $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo '+changes'), web app from $WWW"
echo "# load before: $(uptime | sed 's/.*load average/load average/'); $(nproc) cores; Lighthouse 12.2.3, mobile preset, $(chromium --version 2>/dev/null | head -1)"
cd "$ROOT/bench/lighthouse"
node run.mjs --origin "$ORIGIN" --connect "127.0.0.1:$PORT" --runs "$RUNS" --out "$ROOT/bench/lighthouse/out"
echo "# load after: $(uptime | sed 's/.*load average/load average/')"
