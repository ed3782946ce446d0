#!/usr/bin/env bash
# Checks the running local stack as a new user would, through the gateway: Keycloak tokens work across
# the three services, the routes are the Ingress routes, and /internal is never exposed.
set -uo pipefail
GW=${GATEWAY_URL:-http://localhost:8080}
KC_DIRECT=${KEYCLOAK_URL:-http://127.0.0.1:8180}
passed=0 failed=0

check() { # name expected actual
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); printf '  ok    %s\n' "$1"
  else failed=$((failed + 1)); printf '  FAIL  %s: expected %s, got %s\n' "$1" "$2" "$3"; fi
}
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
token() { # user base-url
  curl -s -d grant_type=password -d client_id=market-test -d "username=$1" -d "password=$1" \
    "$2/auth/realms/market/protocol/openid-connect/token" | jq -r .access_token
}
claim() { # token claim
  local p; p=$(cut -d. -f2 <<<"$1" | tr '_-' '/+'); while [ $(( ${#p} % 4 )) -ne 0 ]; do p="$p="; done
  base64 -d <<<"$p" 2>/dev/null | jq -r "$2"
}

echo "stack tests against $GW"
alice=$(token alice "$GW"); bob=$(token bob "$GW"); admin=$(token admin "$GW")
alice_direct=$(token alice "$KC_DIRECT")
check "alice gets a token through the gateway" true "$([ ${#alice} -gt 100 ] && echo true || echo false)"
check "token issuer is the public gateway URL" "$GW/auth/realms/market" "$(claim "$alice" .iss)"
check "token fetched directly has the same issuer" "$GW/auth/realms/market" "$(claim "$alice_direct" .iss)"
check "alice has role user" true "$(claim "$alice" '.realm_access.roles | index("user") != null')"
check "admin has role admin" true "$(claim "$admin" '.realm_access.roles | index("admin") != null')"
check "wrong password is refused" 401 "$(status -d grant_type=password -d client_id=market-test -d username=alice -d password=nope "$GW/auth/realms/market/protocol/openid-connect/token")"

# Flip the first character of the signature: the last one only carries padding bits, and a changed
# padding bit decodes to the same signature.
sig=${alice##*.}; first=${sig:0:1}; [ "$first" = A ] && swap=B || swap=A
tampered="${alice%.*}.${swap}${sig:1}"
for path in /api/me /api/chat/rooms /api/me/notification-settings; do
  check "GET $path without token → 401" 401 "$(status "$GW$path")"
  check "GET $path as alice → 200" 200 "$(status -H "Authorization: Bearer $alice" "$GW$path")"
  check "GET $path as alice (direct-issued token) → 200" 200 "$(status -H "Authorization: Bearer $alice_direct" "$GW$path")"
  check "GET $path with a tampered token → 401" 401 "$(status -H "Authorization: Bearer $tampered" "$GW$path")"
done
check "alice's profile is hers" alice "$(curl -s -H "Authorization: Bearer $alice" "$GW/api/me" | jq -r .nickname)"
check "bob's profile is his" bob "$(curl -s -H "Authorization: Bearer $bob" "$GW/api/me" | jq -r .nickname)"
check "alice on an admin endpoint → 403" 403 "$(status -H "Authorization: Bearer $alice" "$GW/api/admin/notices")"
check "admin on an admin endpoint → 200" 200 "$(status -H "Authorization: Bearer $admin" "$GW/api/admin/notices")"
check "401 is problem+json" "application/problem+json" "$(curl -s -o /dev/null -w '%{content_type}' "$GW/api/me")"
check "anonymous browsing: categories → 200" 200 "$(status "$GW/api/categories")"
check "anonymous browsing: notices → 200" 200 "$(status "$GW/api/notices")"
check "/internal is not routed" 404 "$(status -X POST "$GW/internal/events")"
check "/q/health is not routed" 404 "$(status "$GW/q/health")"
check "the SPA is served at /" 200 "$(status "$GW/")"
check "SPA routes fall back to index.html" 200 "$(status "$GW/products/123")"
check "Keycloak login page through the gateway" 200 "$(status "$GW/auth/realms/market/protocol/openid-connect/auth?client_id=market-web&response_type=code&scope=openid&redirect_uri=$GW/&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256")"
check "self-registration is open" 200 "$(status "$GW/auth/realms/market/protocol/openid-connect/registrations?client_id=market-web&response_type=code&scope=openid&redirect_uri=$GW/&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256")"
check "PKCE is required for market-web" invalid_request "$(curl -s -o /dev/null -w '%{redirect_url}' "$GW/auth/realms/market/protocol/openid-connect/auth?client_id=market-web&response_type=code&scope=openid&redirect_uri=$GW/" | sed -n 's/.*error=\([a-z_]*\).*/\1/p')"
for s in 8081 8082 8092 8083; do
  check "service on $s is ready" UP "$(curl -s "http://127.0.0.1:$s/q/health/ready" | jq -r .status)"
done

# The image store: private like S3 (unsigned requests refused), on loopback only; photos go out only through
# /api/images with the type of product's own record.
S3=${S3_URL:-http://127.0.0.1:19090}
check "the S3 store refuses an anonymous listing" 403 "$(status "$S3/market-images")"
check "the S3 store refuses an anonymous write" 403 "$(status -X PUT -H 'Content-Type: text/html' --data '<script>1</script>' "$S3/market-images/x.html")"
s3_listen=$(ss -Hltn "sport = :${S3##*:}" 2>/dev/null | awk '{print $4}' | sort -u | tr '\n' ' ')
check "the S3 store listens on loopback only" "127.0.0.1:${S3##*:} " "${s3_listen//'[::ffff:127.0.0.1]'/127.0.0.1}"
pid=$(curl -s -H "Authorization: Bearer $alice" -H 'Content-Type: application/json' -d '{"title":"stack photo","description":"d","price":1000,"negotiable":false,"category":"DIGITAL","region":"역삼동"}' "$GW/api/products" | jq -r .id)
img_url=$(java "$(dirname "${BASH_SOURCE[0]}")/TinyJpeg.java" > /tmp/stack-photo.jpg 2>/dev/null && curl -s -H "Authorization: Bearer $alice" -F "files=@/tmp/stack-photo.jpg;type=image/jpeg" "$GW/api/products/$pid/images" | jq -r '.[0].url')
img_headers=$(curl -s -D - -o /dev/null "$GW$img_url" | tr -d '\r')
check "a photo is served as the recorded image type" "image/jpeg" "$(sed -n 's/^[Cc]ontent-[Tt]ype: //p' <<<"$img_headers" | head -1)"
check "a photo is served with nosniff" nosniff "$(sed -n 's/^[Xx]-[Cc]ontent-[Tt]ype-[Oo]ptions: //p' <<<"$img_headers" | head -1)"
check "a photo is served sandboxed" true "$(grep -qi '^content-security-policy:.*sandbox' <<<"$img_headers" && echo true || echo false)"
# A photo sent in chat: bob writes about alice's listing with a photo; only the two of them get its bytes, with a
# private cache lifetime (the gateway keeps chat's Cache-Control on /api/chat/photos).
room=$(curl -s -H "Authorization: Bearer $bob" -H 'Content-Type: application/json' -d "{\"productId\":$pid}" "$GW/api/chat/rooms" | jq -r .id)
chat_photo=$(curl -s -H "Authorization: Bearer $bob" -F "files=@/tmp/stack-photo.jpg;type=image/jpeg" -F "content=stack photo" "$GW/api/chat/rooms/$room/photos" | jq -r '.photos[0].url')
chat_headers=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $alice" "$GW$chat_photo" | tr -d '\r')
check "a chat photo reaches the other party" 200 "$(sed -n 's/^HTTP[^ ]* \([0-9]*\).*/\1/p' <<<"$chat_headers" | head -1)"
check "a chat photo is served as the recorded image type" "image/jpeg" "$(sed -n 's/^[Cc]ontent-[Tt]ype: //p' <<<"$chat_headers" | head -1)"
check "a chat photo may be kept by the browser only" "private, max-age=31536000, immutable" "$(sed -n 's/^[Cc]ache-[Cc]ontrol: //p' <<<"$chat_headers" | head -1)"
check "a chat photo is served sandboxed" true "$(grep -qi '^content-security-policy:.*sandbox' <<<"$chat_headers" && echo true || echo false)"
check "a chat photo is no one else's (admin → 404)" 404 "$(status -H "Authorization: Bearer $admin" "$GW$chat_photo")"
check "a chat photo needs a token" 401 "$(status "$GW$chat_photo")"
curl -s -o /dev/null -H "Authorization: Bearer $alice" -X DELETE "$GW/api/products/$pid"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -d "$ROOT/flutter-app/tool/node_modules" ]; then
  live_log=$(mktemp)
  if node "$ROOT/flutter-app/tool/check-live.mjs" "$GW" > "$live_log" 2>&1; then live=ok; else live=failed; cat "$live_log"; fi
  check "the Android app's models read what the live API returns" ok "$live"
fi

# Two chat replicas behind the gateway: alice and bob on different ones, one restarted mid-conversation.
cr_log=$(mktemp)
if java "$ROOT/local/ChatReplicasCheck.java" "$GW" "http://127.0.0.1:${CHAT_PORT:-8082}" \
    "http://127.0.0.1:${CHAT2_PORT:-8092}" "$alice" "$bob" "$ROOT/market" > "$cr_log" 2>&1; then cr=ok; else cr=failed; fi
sed 's/^/  /' "$cr_log"
check "chat across two replicas and a replica restart, nothing lost" ok "$cr"

if GATEWAY_URL=$GW "$ROOT/local/security-headers-check.sh"; then gw_sec=ok; else gw_sec=failed; fi; check "gateway: security headers, caching, compression, unrouted paths, Keycloak admin hidden" ok "$gw_sec"
bash "$ROOT/local/token-checks.sh" | sed 's/^/  /'; check "token rules: audience, ID token, refresh rotation, admin-cli (local/token-checks.sh)" 0 "${PIPESTATUS[0]}"
bash "$ROOT/local/account-checks.sh" | sed 's/^/  /'; check "탈퇴 and suspension across Keycloak and the services (local/account-checks.sh)" 0 "${PIPESTATUS[0]}"
echo "stack: $passed passed, $failed failed"
[ "$failed" = 0 ]
