-- For the hourly purge of finished pushes and expired idempotency keys.
CREATE INDEX push_outbox_finished ON push_outbox (done_at) WHERE status <> 'PENDING';
CREATE INDEX inbound_event_received ON inbound_event (received_at);
