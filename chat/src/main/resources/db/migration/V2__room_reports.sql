-- product learns of each room (and its buyer: only someone who chatted can be a listing's buyer) through an
-- internal call. Rooms it has not acknowledged are reported again until it has; rooms made before this
-- column existed are reported once more, which tells product their buyers.
ALTER TABLE chat_room ADD COLUMN reported_at timestamptz;
CREATE INDEX chat_room_unreported ON chat_room (id) WHERE reported_at IS NULL;
