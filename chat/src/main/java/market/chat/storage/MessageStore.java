package market.chat.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import market.chat.domain.Appointment;
import market.chat.domain.MessageType;
import market.chat.domain.MessageView;
import market.chat.domain.OfferStatus;
import market.chat.domain.OfferView;
import market.chat.domain.PhotoView;
import market.chat.domain.ReportedMessage;
import market.chat.domain.Room;
import market.common.db.Db;
import market.common.db.Row;
import market.common.db.Sql;
import market.common.images.PhotoObjects;

/** Durable message history in PostgreSQL: what is acknowledged has been committed here. */
@ApplicationScoped
public class MessageStore {

    /**
     * What a send found: the room, and the message, {@code created} by this send or the earlier one of a resent
     * clientMsgId. No message when the sender does not take part in the room (nothing was stored).
     */
    public record Appended(Room room, MessageView message, boolean created) {}

    /**
     * The columns {@link #message(Row)} reads, for a query on chat_message alone. A PHOTO message's photos come along
     * as one JSON array of [object key, thumbnail key, width, height], in upload order.
     */
    private static final String COLUMNS = "id AS message_id, room_id, sender_id, type, content,"
            + " CAST(appointment AS text) AS appointment, offer_amount, offer_status, offer_id, client_msg_id, sent_at,"
            + " CASE WHEN type = 'PHOTO' THEN (SELECT CAST(json_agg(json_build_array(p.object_key, p.thumb_key,"
            + " p.width, p.height) ORDER BY p.position) AS text) FROM message_photo p"
            + " WHERE p.message_id = chat_message.id) END AS photos";

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
        return append(
                Sql.of(
                        APPEND,
                        roomId,
                        senderId,
                        type,
                        content,
                        appointment == null ? null : json(appointment),
                        offerAmount,
                        offerAmount == null ? null : OfferStatus.PENDING.name(),
                        clientMsgId,
                        senderId),
                roomId,
                senderId,
                clientMsgId);
    }

    /**
     * Stores a PHOTO message and its photos (already in the bucket) in one autocommit statement, exactly as
     * {@link #append} stores a message: the photo rows are written by the same statement, so they exist exactly
     * when the message does. A resent clientMsgId stores nothing (the caller removes the objects it wrote) and
     * answers the first message with its photos.
     */
    public Optional<Appended> appendPhotos(
            long roomId, String senderId, String caption, List<PhotoObjects.Stored> photos, String clientMsgId) {
        int n = photos.size();
        String[] objectKeys = new String[n];
        String[] thumbKeys = new String[n];
        String[] types = new String[n];
        String[] thumbTypes = new String[n];
        long[] widths = new long[n];
        long[] heights = new long[n];
        long[] sizes = new long[n];
        for (int i = 0; i < n; i++) {
            PhotoObjects.Stored p = photos.get(i);
            objectKeys[i] = p.objectKey();
            thumbKeys[i] = p.thumbKey();
            types[i] = p.contentType();
            thumbTypes[i] = p.thumbContentType();
            widths[i] = p.width();
            heights[i] = p.height();
            sizes[i] = p.sizeBytes();
        }
        Sql append = Sql.of(
                APPEND_PHOTOS,
                roomId,
                senderId,
                MessageType.PHOTO,
                caption,
                null,
                null,
                null,
                clientMsgId,
                senderId,
                objectKeys,
                thumbKeys,
                types,
                thumbTypes,
                widths,
                heights,
                sizes);
        List<PhotoView> views = photos.stream()
                .map(p -> photo(p.objectKey(), p.thumbKey(), p.width(), p.height()))
                .toList();
        return append(append, roomId, senderId, clientMsgId)
                .map(a -> a.created() ? new Appended(a.room(), a.message().withPhotos(views), true) : a);
    }

    /** Runs an append statement; a resend (nothing inserted) reads the first message on the same connection. */
    private Optional<Appended> append(Sql append, long roomId, String senderId, String clientMsgId) {
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

    /** A TEXT or APPOINTMENT message to store with others in one transaction ({@link #appendAll}). */
    public record NewMessage(
            long roomId,
            String senderId,
            MessageType type,
            String content,
            Appointment appointment,
            String clientMsgId) {}

    /**
     * One message's outcome in a committed batch ({@link #appendAll}): what {@link #append} would have answered, or
     * why its answer could not be read ({@code failure}; the batch, this message included, is committed).
     */
    public record Outcome(Optional<Appended> appended, RuntimeException failure) {
        static Outcome of(Optional<Appended> appended) {
            return new Outcome(appended, null);
        }

        static Outcome failed(RuntimeException failure) {
            return new Outcome(Optional.empty(), failure);
        }
    }

    /**
     * Stores many messages, of any rooms, in one transaction, each with the outcome {@link #append} would give it
     * (in the same order): empty for a room that does not exist, a message-less row for a sender who is not a
     * participant or a closed room, the first message of a resent clientMsgId (also when the first one is earlier
     * in the same list). One autocommit statement, one round trip, however many messages ({@link #APPEND_ALL}); a
     * resend of a message committed before costs one more read after it. The room locks are held only while
     * PostgreSQL runs that statement and commits, never across a round trip to this JVM: the other replica's
     * writer, waiting for some of the same rooms, waits for PostgreSQL alone (with four round trips per batch, a
     * writer thread descheduled on a busy machine held its rooms for hundreds of milliseconds and stalled the
     * other replica's batches behind it).
     *
     * @throws RuntimeException only when the statement failed: then nothing of the batch is stored. Once it has
     *     committed nothing is thrown; what goes wrong after (reading a resend's first message) is that message's
     *     {@link Outcome#failure}, so a caller never writes a committed batch again
     */
    public List<Outcome> appendAll(List<NewMessage> batch) {
        int n = batch.size();
        Long[] roomIds =
                batch.stream().map(NewMessage::roomId).distinct().sorted().toArray(Long[]::new);
        long[] msgRooms = new long[n];
        String[] senders = new String[n];
        String[] types = new String[n];
        String[] contents = new String[n];
        String[] appointments = new String[n];
        String[] clientMsgIds = new String[n];
        for (int k = 0; k < n; k++) {
            NewMessage m = batch.get(k);
            msgRooms[k] = m.roomId();
            senders[k] = m.senderId();
            types[k] = m.type().name();
            contents[k] = m.content();
            appointments[k] = m.appointment() == null ? null : json(m.appointment());
            clientMsgIds[k] = m.clientMsgId();
        }
        Sql sql = Sql.of(APPEND_ALL, (Object) roomIds, msgRooms, senders, types, contents, appointments, clientMsgIds);
        // one row per message of the batch, in its order: the room (if it exists) and the message if inserted
        List<BatchRow> rows = db.withConnection(
                APPEND_ALL,
                c -> Db.query(
                        c,
                        sql,
                        r -> new BatchRow(
                                r.string("seller_id") == null ? null : RoomStore.room(r),
                                r.string("sender_id") == null ? null : message(r)),
                        Integer.MAX_VALUE));
        // committed: from here on a failure is one message's, never the batch's
        List<Outcome> out = new ArrayList<>(n);
        if (rows.size() != n) {
            IllegalStateException e =
                    new IllegalStateException("A batch of " + n + " messages answered " + rows.size() + " rows");
            batch.forEach(m -> out.add(Outcome.failed(e)));
            return out;
        }
        for (int i = 0; i < n; i++) {
            NewMessage m = batch.get(i);
            Room room = rows.get(i).room();
            MessageView inserted = rows.get(i).message();
            if (room == null) {
                out.add(Outcome.of(Optional.empty()));
            } else if (inserted != null) {
                out.add(Outcome.of(Optional.of(new Appended(room, inserted, true))));
            } else if (!room.hasParticipant(m.senderId()) || room.closed() || m.clientMsgId() == null) {
                out.add(Outcome.of(Optional.of(new Appended(room, null, false))));
            } else {
                try {
                    out.add(Outcome.of(Optional.of(new Appended(room, firstOf(batch, rows, i), false))));
                } catch (RuntimeException e) {
                    out.add(Outcome.failed(e));
                }
            }
        }
        return out;
    }

    /** One message of a batch as stored: its room (null: none) and the message (null: nothing inserted). */
    private record BatchRow(Room room, MessageView message) {}

    /** The message a resend in the batch stands for: an earlier one of the batch, else the one committed before. */
    private MessageView firstOf(List<NewMessage> batch, List<BatchRow> rows, int i) {
        NewMessage m = batch.get(i);
        for (int k = 0; k < i; k++) {
            NewMessage o = batch.get(k);
            if (rows.get(k).message() != null
                    && o.roomId() == m.roomId()
                    && o.senderId().equals(m.senderId())
                    && m.clientMsgId().equals(o.clientMsgId())) {
                return rows.get(k).message();
            }
        }
        return resent(m.roomId(), m.senderId(), m.clientMsgId())
                .orElseThrow(() -> resendNotFound(m.roomId(), m.clientMsgId()));
    }

    /**
     * A batch in one statement. {@code room} locks the batch's rooms in id order (two writers' batches never
     * deadlock; NO KEY UPDATE as in {@link #APPEND}). {@code numbered} takes the message ids: its subquery joins every
     * message to its locked room and sorts the batch, so no id is taken before all the rooms are locked, and ids
     * follow the batch's order — within a room, ids are taken and committed in order, as {@code after} paging needs.
     * A resent clientMsgId inserts nothing (the unique index, also against an earlier row of the same statement).
     * The rooms' last messages and the senders' read marks move to the highest id inserted. The answer: one row per
     * message of the batch, in its order, with its room's columns (null: no such room) and the message's (null:
     * not inserted).
     */
    private static final String APPEND_ALL = """
            WITH room AS (
                SELECT id, product_id, seller_id, seller_nickname, buyer_id, buyer_nickname,
                       closed_at IS NOT NULL AS closed
                  FROM chat_room WHERE id = ANY(CAST(? AS bigint[])) ORDER BY id FOR NO KEY UPDATE
            ), batch AS (
                SELECT * FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                                     CAST(? AS text[]), CAST(? AS text[]))
                       WITH ORDINALITY AS b(room_id, sender_id, type, content, appointment, client_msg_id, ord)
            ), numbered AS (
                SELECT nextval('chat_message_id_seq') AS id, w.*
                  FROM (SELECT b.* FROM batch b JOIN room ON room.id = b.room_id
                         WHERE b.sender_id IN (room.seller_id, room.buyer_id) AND NOT room.closed
                         ORDER BY b.ord) w
            ), ins AS (
                INSERT INTO chat_message (id, room_id, sender_id, type, content, appointment, client_msg_id)
                SELECT id, room_id, sender_id, type, content, CAST(appointment AS jsonb), client_msg_id
                  FROM numbered ORDER BY id
                ON CONFLICT (room_id, sender_id, client_msg_id) WHERE client_msg_id IS NOT NULL DO NOTHING
                RETURNING id, room_id, sender_id, type, content, CAST(appointment AS text) AS appointment,
                          offer_amount, offer_status, offer_id, client_msg_id, sent_at
            ), last AS (
                UPDATE chat_room r SET last_message_id = m.id, updated_at = m.sent_at
                  FROM (SELECT DISTINCT ON (room_id) room_id, id, sent_at FROM ins ORDER BY room_id, id DESC) m
                 WHERE r.id = m.room_id
            ), mark AS (
                INSERT INTO chat_read (room_id, user_id, last_read_id)
                SELECT room_id, sender_id, max(id) FROM ins GROUP BY room_id, sender_id
                ON CONFLICT (room_id, user_id)
                DO UPDATE SET last_read_id = GREATEST(chat_read.last_read_id, EXCLUDED.last_read_id)
            )
            SELECT b.ord, room.id AS room_id, room.product_id, room.seller_id, room.seller_nickname, room.buyer_id,
                   room.buyer_nickname, room.closed, ins.id AS message_id, ins.sender_id, ins.type, ins.content,
                   ins.appointment, ins.offer_amount, ins.offer_status, ins.offer_id, ins.client_msg_id, ins.sent_at,
                   CAST(NULL AS text) AS photos
              FROM batch b
              LEFT JOIN room ON room.id = b.room_id
              LEFT JOIN numbered n ON n.ord = b.ord
              LEFT JOIN ins ON ins.id = n.id
             ORDER BY b.ord""";

    /** The sender's message of the room sent under this clientMsgId, if there is one. */
    public Optional<MessageView> resent(long roomId, String senderId, String clientMsgId) {
        return db.optional(byClientMsgId(roomId, senderId, clientMsgId), this::message);
    }

    private MessageView prior(Connection c, long roomId, String senderId, String clientMsgId) throws SQLException {
        List<MessageView> rows = Db.query(c, byClientMsgId(roomId, senderId, clientMsgId), this::message, 2);
        if (rows.isEmpty()) {
            throw resendNotFound(roomId, clientMsgId);
        }
        return rows.get(0);
    }

    /** A resent clientMsgId whose first message is gone (the unique index said it exists). */
    private static IllegalStateException resendNotFound(long roomId, String clientMsgId) {
        return new IllegalStateException("Resent message " + clientMsgId + " of room " + roomId + " not found");
    }

    private static Sql byClientMsgId(long roomId, String senderId, String clientMsgId) {
        return Sql.of(
                "SELECT " + COLUMNS + " FROM chat_message WHERE room_id = ? AND sender_id = ? AND client_msg_id = ?",
                roomId,
                senderId,
                clientMsgId);
    }

    /**
     * The end of every statement that writes a message (CTEs {@code room} and {@code ins} before it): the room's last
     * message and the sender's read mark move to it, and the answer is the room with the message, if one was written.
     */
    private static final String RECORD = """
            , last AS (
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
              FROM room LEFT JOIN ins ON true""";

    /**
     * Lock the room, insert unless resent, move the room's last message and the sender's read mark. NO KEY
     * UPDATE (what the UPDATE of the room takes anyway) serialises sends of a room without blocking the key
     * share lock a first read mark's foreign key check takes on the room (FOR UPDATE could deadlock with it).
     * The room row comes back even when nothing was inserted (a resend, or a sender who is not a participant).
     */
    private static final String APPEND = append("");

    /** {@link #APPEND} that also writes the photo rows of the message it inserts (nothing when it inserts none). */
    private static final String APPEND_PHOTOS = append("""
            , photos AS (
                INSERT INTO message_photo (message_id, position, object_key, thumb_key, content_type, thumb_content_type,
                                           width, height, size_bytes)
                SELECT ins.id, p.position, p.object_key, p.thumb_key, p.content_type, p.thumb_content_type, p.width,
                       p.height, p.size_bytes
                  FROM ins, unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                                   CAST(? AS int[]), CAST(? AS int[]), CAST(? AS bigint[]))
                       WITH ORDINALITY AS p(object_key, thumb_key, content_type, thumb_content_type, width, height,
                                            size_bytes, position)
            )""");

    private static String append(String more) {
        return """
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
                )""" + more + RECORD;
    }

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
            )""" + RECORD;

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
                SELECT m.id, m.room_id, r.product_id, m.sender_id, r.seller_id, r.buyer_id, m.type, m.content, m.sent_at,
                       (SELECT count(*) FROM message_photo p WHERE p.message_id = m.id) AS photo_count
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
                r.getInt("photo_count"),
                r.time("sent_at"));
    }

    /** Whether a message holds the photo stored under this object key. */
    public boolean photoRecorded(String objectKey) {
        return db.optional("SELECT 1 AS one FROM message_photo WHERE object_key = ?", r -> r.getInt("one"), objectKey)
                .isPresent();
    }

    /**
     * The content type recorded for the chat photo or thumbnail stored under {@code objectKey}, if {@code userId} is
     * one of the two parties of its room and their account is not deleted (탈퇴); else empty, whether or not the photo
     * exists, so that nobody else learns anything about it.
     */
    public Optional<String> photoType(String objectKey, String userId) {
        return db.optional("""
                SELECT CASE WHEN p.object_key = ? THEN p.content_type ELSE p.thumb_content_type END AS content_type
                  FROM message_photo p
                  JOIN chat_message m ON m.id = p.message_id
                  JOIN chat_room r ON r.id = m.room_id
                 WHERE (p.object_key = ? OR p.thumb_key = ?)
                   AND ? IN (r.seller_id, r.buyer_id)
                   AND NOT EXISTS (SELECT 1 FROM deleted_account d WHERE d.user_id = ?)
                 LIMIT 1""", r -> r.string("content_type"), objectKey, objectKey, objectKey, userId, userId);
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
                photos(r.string("photos")),
                r.string("client_msg_id"),
                r.time("sent_at"));
    }

    /** A PHOTO message's photos from their JSON array of [object key, thumbnail key, width, height]; else none. */
    private List<PhotoView> photos(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            List<PhotoView> out = new ArrayList<>();
            for (JsonNode p : mapper.readTree(stored)) {
                out.add(photo(
                        p.get(0).asText(),
                        p.get(1).asText(),
                        p.get(2).asInt(),
                        p.get(3).asInt()));
            }
            return List.copyOf(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored photos are unreadable", e);
        }
    }

    private static PhotoView photo(String objectKey, String thumbKey, int width, int height) {
        return new PhotoView(
                PhotoView.url(PhotoStore.keyPart(objectKey)),
                PhotoView.url(PhotoStore.keyPart(thumbKey)),
                width,
                height);
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
