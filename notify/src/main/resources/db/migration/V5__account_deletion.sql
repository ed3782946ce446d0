-- 탈퇴: product's outbox tells notify (POST /internal/accounts/{userId}/deleted). The account's devices (their
-- topic subscriptions undone through push_outbox), settings, read mark and personal inbox are deleted, its
-- pending personal pushes dropped; the tombstone drops later events addressed to it and refuses its still-valid
-- tokens.
CREATE TABLE deleted_account (
    user_id    varchar(64) PRIMARY KEY,
    deleted_at timestamptz NOT NULL
);
