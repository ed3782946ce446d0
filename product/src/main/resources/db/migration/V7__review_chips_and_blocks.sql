-- 거래후기 chips (Karrot-style "친절해요", …): the codes of market.product.domain.ReviewChip. An array on the
-- review itself: a review has at most a handful, and the profile counts them with unnest().
ALTER TABLE review ADD COLUMN chips text[] NOT NULL DEFAULT '{}';
-- Received reviews, newest first, keyset-paged on (created_at, id).
CREATE INDEX review_reviewee_idx ON review (reviewee_id, created_at DESC, id DESC);

-- 차단: blocker no longer sees blocked (and the other way round). The primary key makes a block idempotent;
-- the second index answers "who blocked me" for the feed's both-ways condition.
CREATE TABLE user_block (
    blocker_id varchar(64) NOT NULL,
    blocked_id varchar(64) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (blocker_id, blocked_id),
    CHECK (blocker_id <> blocked_id)
);
CREATE INDEX user_block_blocked_idx ON user_block (blocked_id, blocker_id);
