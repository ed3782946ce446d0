#!/usr/bin/env bash
# Checks what the gateway itself adds, against the running stack (GATEWAY_URL, default http://localhost:8080):
# the SPA's security headers and caching, compression, Cache-Control: no-store on personal API answers, 404
# problem+json for paths no route names, Keycloak's admin console and master realm not routed, nginx's own
# errors as problem+json, no nginx version. Called by local/stack-test.sh; runs on its own too.
set -uo pipefail
GW=${GATEWAY_URL:-http://localhost:8080}
passed=0 failed=0
hdrs=$(mktemp) body=$(mktemp)
trap 'rm -f "$hdrs" "$body"' EXIT

check() { # name expected actual
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); printf '  ok    %s\n' "$1"
  else failed=$((failed + 1)); printf '  FAIL  %s: expected %s, got %s\n' "$1" "$2" "$3"; fi
}
# fetch [curl args...] URL: headers to $hdrs (CR stripped), body to $body, prints the status
fetch() { curl -s -D "$hdrs" -o "$body" -w '%{http_code}' "$@"; sed -i 's/\r$//' "$hdrs"; }
# header NAME: every value of that header in the last answer, one per line
header() { grep -i "^$1:" "$hdrs" | sed 's/^[^:]*: *//'; }
count() { header "$1" | grep -c . ; }
token() {
  curl -s -d grant_type=password -d client_id=market-test -d "username=$1" -d "password=$1" \
    "$GW/auth/realms/market/protocol/openid-connect/token" | jq -r .access_token
}
has() { case $1 in *"$2"*) echo yes ;; *) echo no ;; esac; }

echo "gateway security checks against $GW"

# The SPA
fetch -H 'Accept-Encoding: gzip' "$GW/" >/dev/null
csp=$(header Content-Security-Policy)
check "SPA: one Content-Security-Policy" 1 "$(count Content-Security-Policy)"
check "SPA: CSP default-src 'self'" yes "$(has "$csp" "default-src 'self'")"
check "SPA: CSP script-src 'self' only" yes "$(has "$csp" "script-src 'self';")"
check "SPA: CSP connect-src 'self' (API, SSE, /ws/chat)" yes "$(has "$csp" "connect-src 'self';")"
check "SPA: CSP frame-ancestors 'none'" yes "$(has "$csp" "frame-ancestors 'none'")"
check "SPA: CSP has no unsafe-inline/eval" no "$(has "$csp" "unsafe")"
check "SPA: X-Frame-Options DENY" DENY "$(header X-Frame-Options)"
check "SPA: X-Content-Type-Options nosniff" nosniff "$(header X-Content-Type-Options)"
check "SPA: Referrer-Policy" strict-origin-when-cross-origin "$(header Referrer-Policy)"
check "SPA: index.html is revalidated (one Cache-Control: no-cache)" no-cache "$(header Cache-Control)"
check "SPA: index.html is gzip-compressed" gzip "$(header Content-Encoding)"
check "no nginx version in Server" nginx "$(header Server)"
fetch "$GW/products/42" >/dev/null
check "SPA route: the SPA's CSP too" 1 "$(count Content-Security-Policy)"

fetch "$GW/silent-renew.html" >/dev/null
check "silent-renew.html may be framed by the app: frame-ancestors 'self'" yes "$(has "$(header Content-Security-Policy)" "frame-ancestors 'self'")"
check "silent-renew.html: X-Frame-Options SAMEORIGIN" SAMEORIGIN "$(header X-Frame-Options)"

bundle=$(curl -s "$GW/" | grep -o '/assets/[^"]*\.js' | head -1)
if [ -n "$bundle" ]; then
  size_plain=$(curl -s -o /dev/null -w '%{size_download}' "$GW$bundle")
  fetch -H 'Accept-Encoding: gzip' "$GW$bundle" >/dev/null
  check "bundle: exactly one Cache-Control, a year, immutable" "public, max-age=31536000, immutable" "$(header Cache-Control)"
  check "bundle: no Expires twin" 0 "$(count Expires)"
  check "bundle: gzip" gzip "$(header Content-Encoding)"
  check "bundle: Vary Accept-Encoding" yes "$(has "$(header Vary)" Accept-Encoding)"
  check "bundle: compressed to less than half" yes "$([ "$(stat -c %s "$body")" -lt $((size_plain / 2)) ] && echo yes || echo no)"
  check "bundle: nosniff" nosniff "$(header X-Content-Type-Options)"
fi
check "a missing bundle is 404, not index.html" 404 "$(fetch "$GW/assets/no-such-bundle.js")"

# The API: data, never a document
check "API: GET /api/categories" 200 "$(fetch -H 'Accept-Encoding: gzip' "$GW/api/categories")"
check "API: nosniff" nosniff "$(header X-Content-Type-Options)"
check "API: CSP sandbox, nothing loads" "default-src 'none'; frame-ancestors 'none'; sandbox" "$(header Content-Security-Policy)"
check "API: X-Frame-Options DENY" DENY "$(header X-Frame-Options)"
check "API: no nginx version" nginx "$(header Server)"
fetch -H 'Accept-Encoding: gzip' "$GW/auth/realms/market/.well-known/openid-configuration" >/dev/null
check "JSON is gzip-compressed (the discovery document)" gzip "$(header Content-Encoding)"
fetch -H 'Accept-Encoding: gzip' "$GW/api/products?size=50" >/dev/null
if [ "$(stat -c %s "$body")" -gt 1024 ] || [ -n "$(header Content-Encoding)" ]; then
  check "API: a large JSON answer is gzip-compressed" gzip "$(header Content-Encoding)"
fi

alice=$(token alice); admin=$(token admin)
for path in /api/me /api/chat/rooms /api/me/notifications /api/me/notification-settings; do
  fetch -H "Authorization: Bearer $alice" "$GW$path" >/dev/null
  check "personal $path: exactly one Cache-Control: no-store" no-store "$(header Cache-Control)"
done
for path in /api/admin/notices /api/admin/reports /api/admin/moderation-log /api/admin/prohibited-words; do
  fetch -H "Authorization: Bearer $admin" "$GW$path" >/dev/null
  check "personal $path: Cache-Control: no-store" no-store "$(header Cache-Control)"
done
fetch -X POST -H "Authorization: Bearer $alice" -H 'Content-Type: application/json' -d '{}' "$GW/api/reports" >/dev/null
check "personal /api/reports (a 400): Cache-Control: no-store" no-store "$(header Cache-Control)"
fetch "$GW/api/me" >/dev/null
check "personal /api/me without a token (401): no-store too" no-store "$(header Cache-Control)"
fetch "$GW/api/devices/unknown-token" -X DELETE -H "Authorization: Bearer $alice" >/dev/null
check "personal /api/devices: Cache-Control: no-store" no-store "$(header Cache-Control)"

# Paths no route names: 404 problem+json, never the SPA or Keycloak
for path in /api /api/nope /api/meow /api/products-x /ws /ws/nope /auth /auth/ /auth/admin/ /auth/admin/master/console/ \
    /auth/realms/master/ /auth/realms/master/.well-known/openid-configuration /auth/realms/market-x/ /internal/events /q/health; do
  code=$(fetch "$GW$path")
  check "$path → 404 problem+json" "404 application/problem+json" "$code $(header Content-Type)"
done
check "POST /auth/realms/master/…/token (admin-cli) → 404" 404 "$(fetch -d grant_type=password -d client_id=admin-cli -d username=kcadmin -d password=kcadmin "$GW/auth/realms/master/protocol/openid-connect/token")"
check "the 404 body is a problem" 404 "$(jq -r .status "$body" 2>/dev/null)"

# nginx's own errors under /api: problem+json (a body over the gateway's limit; declared, never sent)
for path in /api/products/1/images /api/chat/rooms/1/photos; do
  code=$(fetch --max-time 10 -X POST -H "Authorization: Bearer $alice" -H 'Content-Type: application/octet-stream' \
    -H 'Content-Length: 200000000' --data-binary 'x' "$GW$path")
  check "a body over the limit ($path) → 413 problem+json" "413 application/problem+json" "$code $(header Content-Type)"
done

# Keycloak: what realm market's users need works, with Keycloak's own headers only
login="$GW/auth/realms/market/protocol/openid-connect/auth?client_id=market-web&response_type=code&scope=openid&redirect_uri=$GW/&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
check "Keycloak login page" 200 "$(fetch "$login")"
check "Keycloak login page: one CSP (Keycloak's own)" 1 "$(count Content-Security-Policy)"
check "Keycloak login page: one X-Frame-Options" 1 "$(count X-Frame-Options)"
assets=$(grep -oE '/auth/resources/[^"]+' "$body" | sort -u)
check "Keycloak login page loads its theme from /auth/resources" yes "$([ -n "$assets" ] && echo yes || echo no)"
for a in $assets; do
  check "login page asset ${a#/auth/resources/}" 200 "$(curl -s -o /dev/null -w '%{http_code}' "$GW$a")"
done
for path in /auth/realms/market/.well-known/openid-configuration /auth/realms/market/protocol/openid-connect/certs /auth/realms/market/account/; do
  check "Keycloak $path" 200 "$(fetch "$GW$path")"
done

echo "gateway security: $passed passed, $failed failed"
[ "$failed" = 0 ]
