-- /api/images answers with the content type of our own record, never the bucket's: an object overwritten in
-- the store must not come back as HTML. A thumbnail's type is kept beside the original's.
-- The default (thumbnails are JPEG unless the original is its own thumbnail) keeps inserts of replicas still on
-- the previous release working during a rolling update.
ALTER TABLE product_image ADD COLUMN thumb_content_type varchar(32) NOT NULL DEFAULT 'image/jpeg';
UPDATE product_image SET thumb_content_type = content_type WHERE thumb_key = object_key;

-- Who opened each room (chat reports it): a trade's buyer must be one of them. Rooms reported before this
-- column existed have no buyer and make nobody eligible.
ALTER TABLE product_chat ADD COLUMN buyer_id varchar(64);
CREATE INDEX product_chat_buyer_idx ON product_chat (product_id, buyer_id);

-- A listing's one trade: its first sale to a named buyer. Reviews belong to it, and only its two parties
-- write them. Until either party has reviewed, the seller may correct the buyer or undo the sale (the row
-- goes); once reviewed it is final, and later status changes never open a second round.
CREATE TABLE trade (
    product_id   bigint      PRIMARY KEY REFERENCES product (id),
    seller_id    varchar(64) NOT NULL,
    buyer_id     varchar(64) NOT NULL,
    completed_at timestamptz NOT NULL
);
CREATE INDEX trade_buyer_idx ON trade (buyer_id, completed_at DESC, product_id DESC);
-- Earlier sales named any buyer, unchecked: only those already reviewed become trades (their round is over).
-- For the others the seller names the buyer again, now checked against the rooms chat reports.
INSERT INTO trade (product_id, seller_id, buyer_id, completed_at)
    SELECT p.id, p.seller_id, p.buyer_id, p.updated_at FROM product p
    WHERE p.status = 'SOLD' AND p.buyer_id IS NOT NULL AND EXISTS (SELECT 1 FROM review r WHERE r.product_id = p.id);
