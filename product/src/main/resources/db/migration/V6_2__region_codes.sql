-- A user's 동네 and every listing's region become region codes (free text before).

-- The user's 동네, when they verified being there (the position itself is never stored), and the feed range they
-- chose (0 = their own 동 only .. 3 = the widest step; see RegionRange).
ALTER TABLE user_profile
    ADD COLUMN region_code        varchar(10) REFERENCES region (code),
    ADD COLUMN region_verified_at timestamptz,
    ADD COLUMN region_range       smallint NOT NULL DEFAULT 1 CHECK (region_range BETWEEN 0 AND 3);

-- Existing free text: an exact 동 name that names exactly one 행정동 becomes its code; anything else (a 법정동 name
-- such as 역삼동, a name several 시군구 share such as 중앙동, a typo) is cleared and the app asks the user to set it.
CREATE TEMPORARY TABLE unique_dong ON COMMIT DROP AS
    SELECT dong, min(code) AS code FROM region GROUP BY dong HAVING count(*) = 1;
UPDATE user_profile u SET region_code = d.code FROM unique_dong d WHERE d.dong = btrim(u.region);
DROP INDEX IF EXISTS user_profile_region_idx;
ALTER TABLE user_profile DROP COLUMN region;
CREATE INDEX user_profile_region_code_idx ON user_profile (region_code);

-- Listings keep `region` as the 동 name they are shown with and gain the code the feed's range works on: the
-- unique 동 of their text, else their seller's 동네 (set above), else none (such an old listing is still in the
-- whole-country feed and in searches, but no range finds it).
ALTER TABLE product ADD COLUMN region_code varchar(10) REFERENCES region (code);
UPDATE product p SET region_code = d.code FROM unique_dong d WHERE d.dong = btrim(p.region);
UPDATE product p SET region_code = u.region_code, region = r.dong
    FROM user_profile u JOIN region r ON r.code = u.region_code
    WHERE p.region_code IS NULL AND u.id = p.seller_id;
CREATE INDEX product_region_code_feed_idx ON product (region_code, bumped_at DESC, id DESC) WHERE deleted_at IS NULL;
