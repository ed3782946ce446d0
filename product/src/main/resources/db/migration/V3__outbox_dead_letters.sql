-- Events notify refuses for good (400/413/415/422: the event itself is wrong) are not retried forever:
-- they are set aside with the refusal in last_error, kept for inspection and purged like delivered ones.
ALTER TABLE outbox_event ADD COLUMN dead_at timestamptz;
DROP INDEX outbox_event_due_idx;
CREATE INDEX outbox_event_due_idx ON outbox_event (next_attempt_at) WHERE delivered_at IS NULL AND dead_at IS NULL;
