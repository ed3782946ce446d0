-- 가격 제안: an OFFER message carries the amount and the offer's current state; the SYSTEM message that records
-- a change (accepted, declined, withdrawn) carries the new state and the id of the OFFER it is about.
ALTER TABLE chat_message ADD COLUMN offer_amount bigint;
ALTER TABLE chat_message ADD COLUMN offer_status varchar(16);
ALTER TABLE chat_message ADD COLUMN offer_id bigint;
ALTER TABLE chat_message DROP CONSTRAINT chat_message_type;
ALTER TABLE chat_message ADD CONSTRAINT chat_message_type CHECK (type IN ('TEXT', 'APPOINTMENT', 'SYSTEM', 'OFFER'));
ALTER TABLE chat_message ADD CONSTRAINT chat_message_offer CHECK (
    (type = 'OFFER' AND offer_amount BETWEEN 1 AND 1000000000 AND offer_id IS NULL
        AND offer_status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'))
    OR (type = 'SYSTEM' AND offer_id IS NOT NULL AND offer_amount IS NOT NULL
        AND offer_status IN ('ACCEPTED', 'DECLINED', 'WITHDRAWN'))
    OR (type <> 'OFFER' AND offer_amount IS NULL AND offer_status IS NULL AND offer_id IS NULL));
-- One open offer per buyer per listing: a room is one (listing, buyer), and only its buyer offers.
CREATE UNIQUE INDEX chat_message_open_offer ON chat_message (room_id) WHERE type = 'OFFER' AND offer_status = 'PENDING';
