-- pgbench script for bench/chat.sh: MessageStore's APPEND (the statement that stores one message in its own
-- autocommit transaction: lock the room, insert unless resent, move the room's last message and the sender's read
-- mark), on the bench-only rooms :lo..:hi; keep it the same as MessageStore.append("") + RECORD.
\set room random(:lo, :hi)
\set n random(1, 2000000000)
WITH room AS (
    SELECT id, product_id, seller_id, seller_nickname, buyer_id, buyer_nickname,
           closed_at IS NOT NULL AS closed
      FROM chat_room WHERE id = :room FOR NO KEY UPDATE
), ins AS (
    INSERT INTO chat_message (room_id, sender_id, type, content, appointment, offer_amount, offer_status,
                              client_msg_id)
    SELECT room.id, 'pgbench-buyer', 'TEXT', 'pgbench message', CAST(NULL AS jsonb), CAST(NULL AS bigint),
           CAST(NULL AS varchar), CAST('pgb-' || :run || '-' || :client_id || '-' || :n AS varchar)
      FROM room
     WHERE CAST('pgbench-buyer' AS varchar) IN (room.seller_id, room.buyer_id) AND NOT room.closed
    ON CONFLICT (room_id, sender_id, client_msg_id) WHERE client_msg_id IS NOT NULL DO NOTHING
    RETURNING id, room_id, sender_id, type, content, CAST(appointment AS text) AS appointment,
              offer_amount, offer_status, offer_id, client_msg_id, sent_at
), last AS (
    UPDATE chat_room r SET last_message_id = ins.id, updated_at = ins.sent_at FROM ins WHERE r.id = ins.room_id
), mark AS (
    INSERT INTO chat_read (room_id, user_id, last_read_id) SELECT room_id, sender_id, id FROM ins
    ON CONFLICT (room_id, user_id)
    DO UPDATE SET last_read_id = GREATEST(chat_read.last_read_id, EXCLUDED.last_read_id)
)
SELECT room.id AS room_id, room.product_id, room.seller_id, room.seller_nickname, room.buyer_id,
       room.buyer_nickname, room.closed, ins.id AS message_id, ins.sender_id, ins.type, ins.content,
       ins.appointment, ins.offer_amount, ins.offer_status, ins.offer_id, ins.client_msg_id, ins.sent_at,
       CAST(NULL AS text) AS photos
  FROM room LEFT JOIN ins ON true;
