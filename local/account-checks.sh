#!/usr/bin/env bash
# 탈퇴 and suspension against the real Keycloak and the running services (called by local/stack-test.sh):
# a fresh user (made through Keycloak's admin API, as the realm's registration would) lists something, chats,
# registers a device and deletes the account (DELETE /api/me); afterwards Keycloak has no such user, its refresh
# token is refused, its listing is 404, the other party's chat names it 탈퇴한 사용자 and is closed, notify keeps
# no device of it. product-service's service account may manage users (disable, delete) and nothing else of the
# admin API: clients, roles, the realm and other realms are 403.
set -uo pipefail
GW=${GATEWAY_URL:-http://localhost:8080}
KC_DIRECT=${KEYCLOAK_URL:-http://127.0.0.1:8180}
KC_ADMIN_USER=${KC_ADMIN_USER:-kcadmin}
KC_ADMIN_PASSWORD=${KC_ADMIN_PASSWORD:-kcadmin}
PRODUCT_SERVICE_SECRET=${PRODUCT_SERVICE_SECRET:-product-service-local-secret}
# notify's database, to see that no device is left (skipped when psql cannot reach it)
NOTIFY_DB=${NOTIFY_DB_URL:-postgresql://market:market@127.0.0.1:${PG_PORT:-15432}/notify}
ADMIN_API=$KC_DIRECT/auth/admin/realms/market
passed=0 failed=0 skipped=0

check() { # name expected actual
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); printf '  ok    %s\n' "$1"
  else failed=$((failed + 1)); printf '  FAIL  %s: expected %s, got %s\n' "$1" "$2" "$3"; fi
}
skip() { skipped=$((skipped + 1)); printf '  skip  %s\n' "$1"; }
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
json() { curl -s -H 'Content-Type: application/json' "$@"; }
claim() { # token jq-filter
  local p; p=$(cut -d. -f2 <<<"$1" | tr '_-' '/+'); while [ $(( ${#p} % 4 )) -ne 0 ]; do p="$p="; done
  base64 -d <<<"$p" 2>/dev/null | jq -r "$2" 2>/dev/null
}
TOKEN_URL=$GW/auth/realms/market/protocol/openid-connect/token
password_grant() { curl -s -d grant_type=password -d client_id=market-test -d "username=$1" -d "password=$2" "$TOKEN_URL"; }
refused() { local s; s=$(status "$@"); [ "$s" = 400 ] || [ "$s" = 401 ] && echo refused || echo "$s"; }
refresh_status() { status -d grant_type=refresh_token -d client_id=market-test -d "refresh_token=$1" "$TOKEN_URL"; }

echo "account checks (탈퇴, suspension) against $GW (Keycloak $KC_DIRECT)"
master=$(curl -s -d grant_type=password -d client_id=admin-cli -d "username=$KC_ADMIN_USER" -d "password=$KC_ADMIN_PASSWORD" \
  "$KC_DIRECT/auth/realms/master/protocol/openid-connect/token" | jq -r '.access_token // empty')
check "Keycloak's master admin token (to make test users)" true "$([ -n "$master" ] && echo true || echo false)"

new_user() { # username → prints the new user's id
  json -o /dev/null -H "Authorization: Bearer $master" -d "{\"username\":\"$1\",\"enabled\":true,\"email\":\"$1@example.com\",
    \"emailVerified\":true,\"firstName\":\"Test\",\"lastName\":\"User\",\"requiredActions\":[],
    \"credentials\":[{\"type\":\"password\",\"value\":\"$1-pw\",\"temporary\":false}]}" "$ADMIN_API/users"
  curl -s -H "Authorization: Bearer $master" "$ADMIN_API/users?username=$1&exact=true" | jq -r '.[0].id // empty'
}

# --- the service account: manage-users, nothing else ---------------------------------------------------------
svc=$(curl -s -d grant_type=client_credentials -d client_id=product-service -d "client_secret=$PRODUCT_SERVICE_SECRET" \
  "$KC_DIRECT/auth/realms/market/protocol/openid-connect/token" | jq -r '.access_token // empty')
check "product-service gets a client-credentials token" true "$([ -n "$svc" ] && echo true || echo false)"
check "its token carries realm-management manage-users" true "$(claim "$svc" '.resource_access["realm-management"].roles | index("manage-users") != null')"
check "and no other realm-management role" 1 "$(claim "$svc" '.resource_access["realm-management"].roles | length')"
for path in clients client-scopes authentication/flows; do
  check "product-service on the admin API: GET /$path → 403" 403 "$(status -H "Authorization: Bearer $svc" "$ADMIN_API/$path")"
done
check "product-service cannot create a realm role" 403 "$(status -X POST -H "Authorization: Bearer $svc" -H 'Content-Type: application/json' -d '{"name":"acct-check-role"}' "$ADMIN_API/roles")"
check "product-service cannot change the realm" 403 "$(status -X PUT -H "Authorization: Bearer $svc" -H 'Content-Type: application/json' -d '{"registrationAllowed":false}' "$ADMIN_API")"
check "product-service cannot read realm master's users" true "$(s=$(status -H "Authorization: Bearer $svc" "$KC_DIRECT/auth/admin/realms/master/users"); [ "$s" = 401 ] || [ "$s" = 403 ] && echo true || echo "$s")"

# --- suspension: a disabled user's refresh token stops working -------------------------------------------
sus=acct-suspend-$RANDOM$RANDOM
sus_id=$(new_user "$sus")
r=$(password_grant "$sus" "$sus-pw"); sus_refresh=$(jq -r '.refresh_token // empty' <<<"$r")
check "a fresh user signs in" true "$([ -n "$sus_refresh" ] && echo true || echo false)"
check "product-service disables the user (PUT enabled=false)" 204 "$(status -X PUT -H "Authorization: Bearer $svc" -H 'Content-Type: application/json' -d '{"enabled":false}' "$ADMIN_API/users/$sus_id")"
check "the disabled user's refresh token is refused" 400 "$(refresh_status "$sus_refresh")"
check "the disabled user cannot sign in" refused "$(refused -d grant_type=password -d client_id=market-test -d "username=$sus" -d "password=$sus-pw" "$TOKEN_URL")"
check "product-service deletes the user" 204 "$(status -X DELETE -H "Authorization: Bearer $svc" "$ADMIN_API/users/$sus_id")"
check "deleting again: 404 (product counts it as done)" 404 "$(status -X DELETE -H "Authorization: Bearer $svc" "$ADMIN_API/users/$sus_id")"

# --- 탈퇴 across the services ------------------------------------------------------------------------------
leaver=acct-leaver-$RANDOM$RANDOM
leaver_id=$(new_user "$leaver")
r=$(password_grant "$leaver" "$leaver-pw")
tok=$(jq -r '.access_token // empty' <<<"$r"); refresh=$(jq -r '.refresh_token // empty' <<<"$r")
check "the leaver signs in and the token's sub is their Keycloak id" "$leaver_id" "$(claim "$tok" .sub)"
alice=$(password_grant alice alice | jq -r .access_token)
listing='{"title":"탈퇴 전 올린 의자","description":"d","price":1000,"negotiable":false,"category":"FURNITURE"}'
# a listing needs a verified 동네: the leaver verifies 역삼1동 from its point
json -H "Authorization: Bearer $tok" -d '{"lat":37.49994,"lng":127.032,"regionCode":"1168064000"}' "$GW/api/me/region-verification" >/dev/null
pid=$(json -H "Authorization: Bearer $tok" -d "$listing" "$GW/api/products" | jq -r '.id // empty')
check "the leaver lists something" 200 "$(status "$GW/api/products/$pid")"
# the leaver chats about alice's listing
apid=$(json -H "Authorization: Bearer $alice" -d "${listing/탈퇴 전 올린 의자/alice의 책상}" "$GW/api/products" | jq -r '.id // empty')
room=$(json -H "Authorization: Bearer $tok" -d "{\"productId\":$apid}" "$GW/api/chat/rooms" | jq -r '.id // empty')
check "the leaver messages alice" 201 "$(status -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' -d '{"content":"아직 있나요?"}' "$GW/api/chat/rooms/$room/messages")"
device="acct-device-$leaver"
check "the leaver registers a device" 201 "$(status -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' -d "{\"token\":\"$device\",\"platform\":\"WEB\"}" "$GW/api/devices")"

check "DELETE /api/me → 204" 204 "$(status -X DELETE -H "Authorization: Bearer $tok" "$GW/api/me")"
check "Keycloak has no such user" 404 "$(status -H "Authorization: Bearer $master" "$ADMIN_API/users/$leaver_id")"
check "the refresh token stops working" 400 "$(refresh_status "$refresh")"
check "signing in is refused" refused "$(refused -d grant_type=password -d client_id=market-test -d "username=$leaver" -d "password=$leaver-pw" "$TOKEN_URL")"
check "the listing is gone" 404 "$(status "$GW/api/products/$pid")"
check "the profile is gone" 404 "$(status "$GW/api/users/$leaver_id")"
check "the still-valid access token speaks for nobody (product)" 401 "$(status -H "Authorization: Bearer $tok" "$GW/api/me")"
check "DELETE /api/me again → 204 (idempotent)" 204 "$(status -X DELETE -H "Authorization: Bearer $tok" "$GW/api/me")"
closed=false
for _ in $(seq 60); do
  view=$(curl -s -H "Authorization: Bearer $alice" "$GW/api/chat/rooms/$room")
  [ "$(jq -r .closed <<<"$view")" = true ] && { closed=true; break; }
  sleep 0.5
done
check "alice's chat with the leaver is closed" true "$closed"
check "and names them 탈퇴한 사용자" "탈퇴한 사용자" "$(jq -r .buyer.nickname <<<"$view")"
check "their message stays for alice" "아직 있나요?" "$(curl -s -H "Authorization: Bearer $alice" "$GW/api/chat/rooms/$room/messages" | jq -r '.items[0].content')"
check "alice cannot send into the closed room" 422 "$(status -H "Authorization: Bearer $alice" -H 'Content-Type: application/json' -d '{"content":"계세요?"}' "$GW/api/chat/rooms/$room/messages")"
# notify hears of the deletion through product's outbox, a moment after the 204
notify_status=
for _ in $(seq 40); do
  notify_status=$(status -H "Authorization: Bearer $tok" "$GW/api/me/notifications")
  [ "$notify_status" = 401 ] && break
  sleep 0.5
done
check "the still-valid access token speaks for nobody (notify)" 401 "$notify_status"
if command -v psql > /dev/null && psql "$NOTIFY_DB" -tAc 'SELECT 1' > /dev/null 2>&1; then
  devices=-1
  for _ in $(seq 40); do
    devices=$(psql "$NOTIFY_DB" -tAc "SELECT count(*) FROM device WHERE user_id = '$leaver_id'")
    [ "$devices" = 0 ] && break
    sleep 0.5
  done
  check "notify keeps no device of the leaver" 0 "$devices"
else
  skip "notify keeps no device of the leaver (psql cannot reach $NOTIFY_DB)"
fi
curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $alice" "$GW/api/products/$apid"

echo "account checks: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
