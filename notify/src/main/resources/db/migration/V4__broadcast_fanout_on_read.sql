-- Notices and ads are stored once and merged into each user's inbox when it is read (fan-out on read), so a
-- broadcast costs the same for 100 users or 10 million and reaches users notify has never seen.
-- One row per publication round: a NOTICE has one (ALL), an ad sent by day one (DAY), an ad sent at night two
-- (NIGHT for night consenters at once, MORNING for the other consenting users at 08:00 KST).
-- The id is taken from the notifications' sequence when the round is published, so personal items and
-- broadcasts share one ordered id space: cursors, read marks and Last-Event-ID cover both.
CREATE TABLE broadcast (
    id           bigint        PRIMARY KEY,
    notice_id    bigint        NOT NULL REFERENCES notice (id),
    audience     varchar(8)    NOT NULL CHECK (audience IN ('ALL', 'DAY', 'NIGHT', 'MORNING')),
    type         varchar(8)    NOT NULL,
    title        varchar(200)  NOT NULL,
    body         varchar(4000) NOT NULL,
    data         text          NOT NULL,
    published_at timestamptz   NOT NULL,
    UNIQUE (notice_id, audience)
);

-- joined_at: broadcasts published from then on reach the user (the account's creation time when the token
-- carries it). read_up_to: the user's read mark over personal items and broadcasts alike.
-- marketing_night_at: since when night-time ads are consented to (an ad round reaches only consent given
-- before it was published).
ALTER TABLE notification_settings ADD COLUMN joined_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE notification_settings ADD COLUMN read_up_to bigint NOT NULL DEFAULT 0;
ALTER TABLE notification_settings ADD COLUMN marketing_night_at timestamptz;

INSERT INTO notification_settings (user_id) SELECT DISTINCT user_id FROM notification ON CONFLICT DO NOTHING;
-- Items were only ever marked read up to a mark, so the newest read item is that mark.
UPDATE notification_settings s
   SET read_up_to = coalesce((SELECT max(n.id) FROM notification n WHERE n.user_id = s.user_id AND n.read), 0);
UPDATE notification_settings SET marketing_night_at = marketing_consented_at WHERE marketing_night;

-- notification.read is no longer read or written (read_up_to replaced it); it stays until no replica of the
-- previous release can be running, because those still use it during a rolling update.
DROP INDEX notification_unread;
