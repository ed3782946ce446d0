-- 탈퇴: chat reads product's feed of deleted accounts (GET /internal/accounts/deleted?after=) and keeps its
-- position here. For each account it writes a tombstone (a still-valid token of it opens no room), closes the
-- account's rooms (read-only: sending is refused) and names it 탈퇴한 사용자 in them; its messages stay for the
-- other party.
CREATE TABLE deleted_account (
    user_id    varchar(64) PRIMARY KEY,
    deleted_at timestamptz NOT NULL
);
CREATE TABLE account_feed (
    id        smallint PRIMARY KEY CHECK (id = 1),
    after_seq bigint   NOT NULL
);
INSERT INTO account_feed (id, after_seq) VALUES (1, 0);
ALTER TABLE chat_room ADD COLUMN closed_at timestamptz;
