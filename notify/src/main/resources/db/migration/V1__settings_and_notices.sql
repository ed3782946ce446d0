CREATE TABLE notification_settings (
    user_id         varchar(64) PRIMARY KEY,
    chat            boolean     NOT NULL DEFAULT true,
    activity        boolean     NOT NULL DEFAULT true,
    keywords        boolean     NOT NULL DEFAULT true,
    marketing       boolean     NOT NULL DEFAULT false,
    marketing_night boolean     NOT NULL DEFAULT false,
    marketing_consented_at timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         integer     NOT NULL DEFAULT 0
);

-- Admin broadcasts: notices (to everyone) and ads (to consenting users only, 정보통신망법 §50).
CREATE TABLE notice (
    id           bigserial    PRIMARY KEY,
    type         varchar(8)   NOT NULL CHECK (type IN ('NOTICE', 'AD')),
    title        varchar(100) NOT NULL,
    body         varchar(2000) NOT NULL,
    link         varchar(500),
    status       varchar(16)  NOT NULL CHECK (status IN ('SCHEDULED', 'SENDING', 'SENT', 'FAILED', 'CANCELLED')),
    scheduled_at timestamptz,
    sent_at      timestamptz,
    created_by   varchar(64)  NOT NULL,
    targeted     integer      NOT NULL DEFAULT 0,
    sent         integer      NOT NULL DEFAULT 0,
    failed       integer      NOT NULL DEFAULT 0,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    version      integer      NOT NULL DEFAULT 0
);
CREATE INDEX notice_published ON notice (id DESC) WHERE type = 'NOTICE' AND status = 'SENT';
