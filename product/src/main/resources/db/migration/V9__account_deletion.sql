-- 탈퇴: one row per deleted account (a tombstone). It refuses the account's still-valid access tokens (they live
-- until they expire), keeps a second DELETE /api/me from doing anything, and is the feed chat reads deleted
-- accounts from (GET /internal/accounts/deleted?after=seq). Rows are drawn under a shared advisory lock and read
-- under an exclusive one, so a reader never passes a seq whose row commits later.
CREATE TABLE deleted_account (
    user_id    varchar(64) PRIMARY KEY,
    seq        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    deleted_at timestamptz NOT NULL DEFAULT now()
);

-- Where the relay delivers an outbox row: notify (every notification event, and notify's copy of
-- ACCOUNT_DELETED) or keycloak (ACCOUNT_DELETED: the Keycloak user is deleted through the admin API).
ALTER TABLE outbox_event ADD COLUMN destination varchar(16) NOT NULL DEFAULT 'notify'
    CHECK (destination IN ('notify', 'keycloak'));

-- A deleted account's comments and the reviews it wrote stay (they are part of others' listings and
-- reputations) but lose their author: shown as 탈퇴한 사용자.
ALTER TABLE product_comment ALTER COLUMN author_id DROP NOT NULL;
ALTER TABLE review ALTER COLUMN reviewer_id DROP NOT NULL;
CREATE INDEX product_comment_author_idx ON product_comment (author_id) WHERE author_id IS NOT NULL;
CREATE INDEX review_reviewer_idx ON review (reviewer_id) WHERE reviewer_id IS NOT NULL;
-- (reviews an account received are found through V7's review_reviewee_idx (reviewee_id, created_at, id))
