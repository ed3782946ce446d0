-- The W3C traceparent of the request that stored the event (null when tracing is off): the relay continues
-- that trace when it delivers the event, so the call to notify shows up under the request that caused it.
ALTER TABLE outbox_event ADD COLUMN traceparent varchar(64);
