-- The realm's demo users (local/keycloak/market-realm.json gives them these fixed ids) start with a verified 동네, so
-- demos and the stack's tests can post at once: alice 역삼1동, bob 역삼2동 (1.15 km apart: each other's 근처 동네),
-- admin 서교동. Only where the demo users exist: the placeholder demousers is 'on' (./market up; the chart with
-- keycloak.realm.demoUsers), else this inserts nothing. A profile that already has a 동네 keeps it.
INSERT INTO user_profile (id, nickname, region_code, region_verified_at)
SELECT id, nickname, region_code, now() FROM (VALUES
    ('a11ce000-0000-4000-8000-000000000001', 'alice', '1168064000'),
    ('b0b00000-0000-4000-8000-000000000002', 'bob', '1168065000'),
    ('ad000000-0000-4000-8000-000000000003', 'admin', '1144066000')) AS demo (id, nickname, region_code)
WHERE '${demousers}' = 'on'
ON CONFLICT (id) DO UPDATE SET region_code = EXCLUDED.region_code, region_verified_at = EXCLUDED.region_verified_at
    WHERE user_profile.region_code IS NULL;
