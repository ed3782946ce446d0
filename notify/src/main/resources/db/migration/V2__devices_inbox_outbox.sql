-- Push tokens. A token belongs to one user at a time: registering it again under another account moves it.
CREATE TABLE device (
    token      varchar(4096) PRIMARY KEY,
    user_id    varchar(64)   NOT NULL,
    platform   varchar(8)    NOT NULL CHECK (platform IN ('ANDROID', 'IOS', 'WEB')),
    -- whether the token is (being) subscribed to the `ads` topic, i.e. its user consented to marketing
    ads        boolean       NOT NULL DEFAULT false,
    created_at timestamptz   NOT NULL,
    updated_at timestamptz   NOT NULL
);
CREATE INDEX device_user ON device (user_id);

-- The in-app inbox.
CREATE TABLE notification (
    id         bigserial     PRIMARY KEY,
    user_id    varchar(64)   NOT NULL,
    type       varchar(32)   NOT NULL,
    title      varchar(200)  NOT NULL,
    body       varchar(4000) NOT NULL,
    data       text          NOT NULL DEFAULT '{}',
    read       boolean       NOT NULL DEFAULT false,
    notice_id  bigint        REFERENCES notice (id),
    created_at timestamptz   NOT NULL
);
CREATE INDEX notification_inbox ON notification (user_id, id DESC);
CREATE INDEX notification_unread ON notification (user_id) WHERE NOT read;
CREATE INDEX notification_notice ON notification (notice_id, user_id) WHERE notice_id IS NOT NULL;

-- Idempotency keys of /internal/events already accepted.
CREATE TABLE inbound_event (
    idempotency_key varchar(200) PRIMARY KEY,
    notification_id bigint,
    received_at     timestamptz  NOT NULL
);

-- Every accepted push is written here first, in the transaction that accepted it; the relay delivers it
-- to FCM with retries and backoff, so an FCM outage or a restart loses nothing.
CREATE TABLE push_outbox (
    id              bigserial     PRIMARY KEY,
    kind            varchar(12)   NOT NULL CHECK (kind IN ('TOPIC', 'USER', 'SUBSCRIBE', 'UNSUBSCRIBE')),
    topic           varchar(64),
    user_id         varchar(64),
    -- newline-separated tokens: what to (un)subscribe, or for USER the tokens still to retry (null = all)
    tokens          text,
    title           varchar(200),
    body            varchar(4000),
    data            text,
    ad              boolean       NOT NULL DEFAULT false,
    notice_id       bigint        REFERENCES notice (id),
    recipients      integer       NOT NULL DEFAULT 1,
    status          varchar(8)    NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DONE', 'FAILED')),
    attempts        integer       NOT NULL DEFAULT 0,
    next_attempt_at timestamptz   NOT NULL,
    last_error      varchar(500),
    created_at      timestamptz   NOT NULL,
    done_at         timestamptz
);
CREATE INDEX push_outbox_due ON push_outbox (next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX push_outbox_pending_notice ON push_outbox (notice_id) WHERE status = 'PENDING';

-- dispatched: inboxes filled and pushes queued; held_until: an ad's second round for users without
-- night consent (정보통신망법 §50), due at 08:00 KST.
ALTER TABLE notice ADD COLUMN dispatched boolean NOT NULL DEFAULT false;
ALTER TABLE notice ADD COLUMN held_until timestamptz;
CREATE INDEX notice_due ON notice (scheduled_at) WHERE status IN ('SCHEDULED', 'SENDING');
DROP INDEX notice_published;
CREATE INDEX notice_published ON notice (id DESC) WHERE type = 'NOTICE' AND sent_at IS NOT NULL;
