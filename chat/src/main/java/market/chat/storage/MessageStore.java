package market.chat.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import market.chat.domain.Appointment;
import market.chat.domain.MessageType;
import market.chat.domain.MessageView;
import market.chat.domain.OfferStatus;
import market.chat.domain.OfferView;
import market.chat.domain.ReportedMessage;
import market.chat.domain.Room;
import market.common.db.Db;
import market.common.db.Row;
import market.common.db.Sql;

/** Durable message history in PostgreSQL: what is acknowledged has been committed here. */
@ApplicationScoped
public class MessageStore {

    /**
     * What a send found: the room, and the message, {@code created} by this send or the earlier one of a resent
     * clientMsgId. No message when the sender does not take part in the room (nothing was stored).
     */
    public record Appended(Room room, MessageView message, boolean created) {}

    /** The columns {@link #message(Row)} reads, for a query on chat_message alone. */
    private static final String COLUMNS = "id AS message_id, room_id, sender_id, type, content,"
            + " CAST(appointment AS text) AS appointment, offer_amount, offer_status, offer_id, client_msg_id, sent_at";

    private final Db db;
    private final ObjectMapper mapper;

    public MessageStore(Db db, ObjectMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    /**
     * Stores a message in one autocommit statement (plain JDBC: the hottest write of the service, no JTA
     * transaction around it). The statement locks the room row first and only then takes the message id, so
     * ids are handed out and committed in the same order within a room: a reader paging with {@code after}
     * never skips a message committed late. A repeated clientMsgId of the same sender hits the unique index
     * (ON CONFLICT DO NOTHING: the earlier insert has committed, it held the room lock) and the first message
     * is read on the same connection and returned unchanged. Empty when there is no such room.
     */
    public Optional<Appended> append(
            long roomId,
            String senderId,
            MessageType type,
            String content,
            Appointment appointment,
            Long offerAmount,
            String clientMsgId) {
        Sql append = Sql.of(
                APPEND,
                roomId,
                senderId,
                type,
                content,
                appointment == null ? null : json(appointment),
                offerAmount,
                offerAmount == null ? null : OfferStatus.PENDING.name(),
                clientMsgId,
                senderId);
        return db.withConnection(APPEND, c -> {
            List<Appended> rows = Db.query(c, append, this::appended, 2);
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Appended appended = rows.get(0);
            if (appended.message() != null
                    || clientMsgId == null
                    || !appended.room().hasParticipant(senderId)
                    || appended.room().closed()) {
                return Optional.of(appended);
            }
            return Optional.of(new Appended(appended.room(), prior(c, roomId, senderId, clientMsgId), false));
        });
    }

    private MessageView prior(Connection c, long roomId, String senderId, String clientMsgId) throws SQLException {
        List<MessageView> rows = Db.query(
                c,
                Sql.of(
                        "SELECT " + COLUMNS
                                + " FROM chat_message WHERE room_id = ? AND sender_id = ? AND client_msg_id = ?",
                        roomId,
                        senderId,
                        clientMsgId),
                this::message,
                2);
        if (rows.isEmpty()) {
            throw new IllegalStateException("Resent message " + clientMsgId + " of room " + roomId + " not found");
        }
        return rows.get(0);
    }

    /**
     * Lock the room, insert unless resent, move the room's last message and the sender's read mark. NO KEY
     * UPDATE (what the UPDATE of the room takes anyway) serialises sends of a room without blocking the key
     * share lock a first read mark's foreign key check takes on the room (FOR UPDATE could deadlock with it).
     * The room row comes back even when nothing was inserted (a resend, or a sender who is not a participant).
     */
    private static final String APPEND = """
            WITH room AS (
                SELECT id, product_id, seller_id, seller_nickname, buyer_id, buyer_nickname,
                       closed_at IS NOT NULL AS closed
                  FROM chat_room WHERE id = ? FOR NO KEY UPDATE
            ), ins AS (
                INSERT INTO chat_message (room_id, sender_id, type, content, appointment, offer_amount, offer_status,
                                          client_msg_id)
                SELECT room.id, ?, ?, ?, CAST(? AS jsonb), CAST(? AS bigint), CAST(? AS varchar), CAST(? AS varchar)
                  FROM room
                 WHERE CAST(? AS varchar) IN (room.seller_id, room.buyer_id) AND NOT room.closed
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
                   ins.appointment, ins.offer_amount, ins.offer_status, ins.offer_id, ins.client_msg_id, ins.sent_at
              FROM room LEFT JOIN ins ON true""";

    /**
     * An offer's change and the SYSTEM message recording it, in one autocommit statement: the room is locked
     * first (as for any message, so ids commit in order), the OFFER moves only if it is still PENDING, and the
     * SYSTEM message (sent by the one who made the change) is written only if it moved. No row: no such room.
     * A row without a message: the offer was not PENDING (any more), or is not in this room.
     */
    private static final String RESOLVE = """
            WITH room AS (
                SELECT id, product_id, seller_id, seller_nickname, buyer_id, buyer_nickname,
                       closed_at IS NOT NULL AS closed
                  FROM chat_room WHERE id = ? FOR NO KEY UPDATE
            ), moved AS (
                UPDATE chat_message m SET offer_status = ? FROM room
                 WHERE m.id = ? AND m.room_id = room.id AND m.type = 'OFFER' AND m.offer_status = 'PENDING'
                   AND NOT room.closed
                RETURNING m.id, m.offer_amount
            ), ins AS (
                INSERT INTO chat_message (room_id, sender_id, type, content, offer_amount, offer_status, offer_id)
                SELECT room.id, ?, 'SYSTEM', ?, moved.offer_amount, ?, moved.id FROM room, moved
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
                   ins.appointment, ins.offer_amount, ins.offer_status, ins.offer_id, ins.client_msg_id, ins.sent_at
              FROM room LEFT JOIN ins ON true""";

    /**
     * Moves a PENDING offer of the room to {@code status} and records it as a SYSTEM message by {@code actorId}.
     * Empty when there is no such room; a message-less result when the offer was not PENDING.
     */
    public Optional<Appended> resolveOffer(
            long roomId, long offerId, OfferStatus status, String actorId, String content) {
        return db.optional(
                Sql.of(RESOLVE, roomId, status.name(), offerId, actorId, content, status.name()), this::appended);
    }

    /** The OFFER message {@code offerId} of the room, with its current state. */
    public Optional<MessageView> offer(long roomId, long offerId) {
        return db.optional(
                "SELECT " + COLUMNS + " FROM chat_message WHERE id = ? AND room_id = ? AND type = 'OFFER'",
                this::message,
                offerId,
                roomId);
    }

    /** Messages of a room strictly between two ids, oldest first. */
    public List<MessageView> between(long roomId, long after, long before, int limit) {
        return db.list(
                "SELECT " + COLUMNS + " FROM chat_message WHERE room_id = ? AND id > ? AND id < ? ORDER BY id LIMIT ?",
                this::message,
                roomId,
                after,
                before,
                limit);
    }

    /** Messages of a room after an id, oldest first. */
    public List<MessageView> after(long roomId, long after, int limit) {
        return db.list(
                "SELECT " + COLUMNS + " FROM chat_message WHERE room_id = ? AND id > ? ORDER BY id LIMIT ?",
                this::message,
                roomId,
                after,
                limit);
    }

    /** Messages of a room before an id, newest first. */
    public List<MessageView> newestBefore(long roomId, long before, int limit) {
        return db.list(
                "SELECT " + COLUMNS + " FROM chat_message WHERE room_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                this::message,
                roomId,
                before,
                limit);
    }

    /** One message with its room's parties (for moderation). */
    public Optional<ReportedMessage> reported(long messageId) {
        return db.optional("""
                SELECT m.id, m.room_id, r.product_id, m.sender_id, r.seller_id, r.buyer_id, m.type, m.content, m.sent_at
                  FROM chat_message m JOIN chat_room r ON r.id = m.room_id WHERE m.id = ?""", MessageStore::reportedMessage, messageId);
    }

    private static ReportedMessage reportedMessage(Row r) throws SQLException {
        return new ReportedMessage(
                r.getLong("id"),
                r.getLong("room_id"),
                r.getLong("product_id"),
                r.string("sender_id"),
                r.string("seller_id"),
                r.string("buyer_id"),
                r.string("type"),
                r.string("content"),
                r.time("sent_at"));
    }

    /** Moves the reader's mark forward to {@code messageId} (never back); the mark now stored. */
    public long advanceRead(long roomId, String userId, long messageId) {
        return db.single("""
                INSERT INTO chat_read (room_id, user_id, last_read_id) VALUES (?, ?, ?)
                ON CONFLICT (room_id, user_id)
                DO UPDATE SET last_read_id = GREATEST(chat_read.last_read_id, EXCLUDED.last_read_id)
                RETURNING last_read_id""", r -> r.getLong("last_read_id"), roomId, userId, messageId);
    }

    /** The append's row: the room, and the inserted message if there is one. */
    private Appended appended(Row r) throws SQLException {
        Room room = RoomStore.room(r);
        return r.nullableLong("message_id") == null
                ? new Appended(room, null, false)
                : new Appended(room, message(r), true);
    }

    /** A message from the columns of {@link #COLUMNS}. */
    private MessageView message(Row r) throws SQLException {
        return new MessageView(
                r.getLong("message_id"),
                r.getLong("room_id"),
                r.string("sender_id"),
                r.string("type"),
                r.string("content"),
                appointment(r.string("appointment")),
                offer(r),
                r.string("client_msg_id"),
                r.time("sent_at"));
    }

    /** The offer of an OFFER message (its own id) or of the SYSTEM message recording a change; else none. */
    private static OfferView offer(Row r) throws SQLException {
        Long amount = r.nullableLong("offer_amount");
        if (amount == null) {
            return null;
        }
        Long about = r.nullableLong("offer_id");
        return new OfferView(
                about == null ? r.getLong("message_id") : about,
                amount,
                r.enumValue("offer_status", OfferStatus.class));
    }

    private String json(Appointment appointment) {
        try {
            return mapper.writeValueAsString(appointment);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Appointment appointment(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return mapper.readValue(stored, Appointment.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored appointment is unreadable", e);
        }
    }
}
