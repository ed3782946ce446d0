#!/usr/bin/env bash
# Checks the token rules of realm `market` against a running Keycloak (and, when a gateway is in front,
# the services behind it): access tokens of the API's clients carry the API audience, an ID token is no
# bearer credential, refresh tokens rotate and a reused one is refused, and admin-cli gives no password
# grant. Called by local/stack-test.sh; also runs against a bare Keycloak (GATEWAY_URL = KEYCLOAK_URL),
# then the checks that need the services are skipped.
set -uo pipefail
GW=${GATEWAY_URL:-http://localhost:8080}
KC_DIRECT=${KEYCLOAK_URL:-http://127.0.0.1:8180}
# The market-web client's redirect URIs are fixed in the realm: a browser login must come back there.
WEB_ORIGIN=${WEB_ORIGIN:-http://localhost:8080}
PRODUCT_SERVICE_SECRET=${PRODUCT_SERVICE_SECRET:-product-service-local-secret}
AUDIENCE=market-api
passed=0 failed=0 skipped=0

check() { # name expected actual
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); printf '  ok    %s\n' "$1"
  else failed=$((failed + 1)); printf '  FAIL  %s: expected %s, got %s\n' "$1" "$2" "$3"; fi
}
skip() { skipped=$((skipped + 1)); printf '  skip  %s\n' "$1"; }
claim() { # token jq-filter
  local p; p=$(cut -d. -f2 <<<"$1" | tr '_-' '/+'); while [ $(( ${#p} % 4 )) -ne 0 ]; do p="$p="; done
  base64 -d <<<"$p" 2>/dev/null | jq -r "$2" 2>/dev/null
}
has_aud() { claim "$1" "[.aud] | flatten | index(\"$AUDIENCE\") != null"; }
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
TOKEN_PATH=/auth/realms/market/protocol/openid-connect/token
token_call() { curl -s -w '\n%{http_code}' "$@" "$GW$TOKEN_PATH"; } # prints body, then the status line
body() { sed '$d' <<<"$1"; }
code() { tail -n1 <<<"$1"; }

echo "token checks against $GW (Keycloak $KC_DIRECT)"

# market-test: password grant with scope openid also returns an ID token.
r=$(token_call -d grant_type=password -d client_id=market-test -d username=alice -d password=alice -d scope=openid)
access=$(body "$r" | jq -r '.access_token // empty'); id=$(body "$r" | jq -r '.id_token // empty')
refresh=$(body "$r" | jq -r '.refresh_token // empty')
check "market-test: alice gets access, ID and refresh tokens" true "$([ -n "$access" ] && [ -n "$id" ] && [ -n "$refresh" ] && echo true || echo false)"
check "market-test access token carries audience $AUDIENCE" true "$(has_aud "$access")"
check "market-test access token is typ Bearer" Bearer "$(claim "$access" .typ)"
check "market-test access token carries the account's creation time (created_at, notify's inbox)" true \
  "$(claim "$access" '(.created_at | type) == "number" and .created_at > 1500000000000')"
check "the ID token is typ ID" ID "$(claim "$id" .typ)"
check "the ID token does not carry audience $AUDIENCE" false "$(has_aud "$id")"

# Refresh-token rotation: each refresh hands out a new refresh token; presenting a used one is refused.
r1=$(token_call -d grant_type=refresh_token -d client_id=market-test -d "refresh_token=$refresh")
refresh2=$(body "$r1" | jq -r '.refresh_token // empty')
check "a refresh answers 200" 200 "$(code "$r1")"
check "a refresh returns a new refresh token" true "$([ -n "$refresh2" ] && [ "$refresh2" != "$refresh" ] && echo true || echo false)"
check "a refreshed access token still carries audience $AUDIENCE" true "$(has_aud "$(body "$r1" | jq -r '.access_token // empty')")"
r2=$(token_call -d grant_type=refresh_token -d client_id=market-test -d "refresh_token=$refresh")
check "a refresh token used twice: the second use → 400" 400 "$(code "$r2")"
check "a refresh token used twice: the second use → invalid_grant" invalid_grant "$(body "$r2" | jq -r .error)"

# Keycloak creates admin-cli in every realm with password grants on; realm market turns them off.
r=$(token_call -d grant_type=password -d client_id=admin-cli -d username=alice -d password=alice)
check "admin-cli password grant in realm market → 400" 400 "$(code "$r")"
check "admin-cli password grant in realm market → no token" none "$([ -z "$(body "$r" | jq -r '.access_token // empty')" ] && echo none || echo issued)"

# Service accounts calling notify carry the audience too (client secret of the local realm by default).
r=$(token_call -d grant_type=client_credentials -d client_id=product-service -d "client_secret=$PRODUCT_SERVICE_SECRET")
svc=$(body "$r" | jq -r '.access_token // empty')
if [ -n "$svc" ]; then
  check "product-service's service-account token carries audience $AUDIENCE" true "$(has_aud "$svc")"
else
  skip "product-service's service-account token (client secret not accepted: not the local realm?)"
fi

# The SPA's own client: authorization code with PKCE, as the browser does it, then a refresh.
jar=$(mktemp); trap 'rm -f "$jar"' EXIT
verifier=$(head -c 48 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=')
hex=$(printf '%s' "$verifier" | sha256sum | cut -d' ' -f1)
# shellcheck disable=SC2001 # a back-reference (\x before every byte): no parameter expansion does that
challenge=$(printf '%b' "$(sed 's/../\\x&/g' <<<"$hex")" | base64 -w0 | tr '+/' '-_' | tr -d '=')
redirect="$WEB_ORIGIN/login/callback"
login_page=$(curl -s -c "$jar" -b "$jar" -G "$GW/auth/realms/market/protocol/openid-connect/auth" \
  --data-urlencode client_id=market-web --data-urlencode response_type=code --data-urlencode scope=openid \
  --data-urlencode "redirect_uri=$redirect" --data-urlencode state=token-checks \
  --data-urlencode "code_challenge=$challenge" --data-urlencode code_challenge_method=S256)
action=$(grep -o 'id="kc-form-login"[^>]*action="[^"]*"' <<<"$login_page" | sed 's/.*action="\([^"]*\)"/\1/; s/&amp;/\&/g')
[ -n "$action" ] || action=$(grep -o 'action="[^"]*login-actions/authenticate[^"]*"' <<<"$login_page" | head -1 | sed 's/action="\([^"]*\)"/\1/; s/&amp;/\&/g')
location=""
if [ -n "$action" ]; then
  location=$(curl -s -o /dev/null -c "$jar" -b "$jar" -w '%{redirect_url}' -d username=bob -d password=bob "$action")
fi
auth_code=$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$location")
check "market-web: bob signs in with code + PKCE" true "$([ -n "$auth_code" ] && echo true || echo false)"
r=$(token_call -d grant_type=authorization_code -d client_id=market-web -d "code=$auth_code" \
  --data-urlencode "redirect_uri=$redirect" -d "code_verifier=$verifier")
web_access=$(body "$r" | jq -r '.access_token // empty'); web_refresh=$(body "$r" | jq -r '.refresh_token // empty')
check "market-web access token carries audience $AUDIENCE" true "$(has_aud "$web_access")"
r=$(token_call -d grant_type=refresh_token -d client_id=market-web -d "refresh_token=$web_refresh")
web_refresh2=$(body "$r" | jq -r '.refresh_token // empty')
check "market-web: a refresh returns a new refresh token" true "$([ -n "$web_refresh2" ] && [ "$web_refresh2" != "$web_refresh" ] && echo true || echo false)"
check "market-web: the rotated refresh token works" 200 "$(code "$(token_call -d grant_type=refresh_token -d client_id=market-web -d "refresh_token=$web_refresh2")")"

# The services behind the gateway: an ID token is no bearer credential (401, not 403 and not 200).
if [ "$GW" = "$KC_DIRECT" ]; then
  skip "ID token as bearer at the services (no gateway in front of this Keycloak)"
else
  for path in /api/me /api/chat/rooms /api/me/notification-settings; do
    check "GET $path with alice's access token → 200" 200 "$(status -H "Authorization: Bearer $access" "$GW$path")"
    check "GET $path with alice's ID token → 401" 401 "$(status -H "Authorization: Bearer $id" "$GW$path")"
  done
  check "market-web's access token works at /api/me" 200 "$(status -H "Authorization: Bearer $web_access" "$GW/api/me")"
fi

echo "tokens: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
