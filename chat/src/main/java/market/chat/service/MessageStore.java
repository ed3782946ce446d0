package market.chat.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import market.chat.domain.Appointment;
import market.chat.domain.MessageType;
import market.chat.domain.MessageView;
import market.chat.domain.Room;
import market.common.api.ApiException;
import market.common.api.Cursor;
import market.common.api.Page;
import market.common.db.Timestamps;

/** Durable message history in PostgreSQL: what is acknowledged has been committed here. */
@ApplicationScoped
public class MessageStore {

    public record Stored(Room room, MessageView message, boolean created) {}

    public record ReadMark(Room room, long messageId) {}

    private static final String COLUMNS =
            "id, room_id, sender_id, type, content, CAST(appointment AS text), client_msg_id, sent_at";

    private final EntityManager em;
    private final DataSource dataSource;
    private final RoomService rooms;
    private final ObjectMapper mapper;

    public MessageStore(EntityManager em, DataSource dataSource, RoomService rooms, ObjectMapper mapper) {
        this.em = em;
        this.dataSource = dataSource;
        this.rooms = rooms;
        this.mapper = mapper;
    }

    /**
     * Stores a message in one autocommit statement (plain JDBC: the hottest write of the service, no JTA
     * transaction or Hibernate query around it). The statement locks the room row first and only then takes
     * the message id, so ids are handed out and committed in the same order within a room: a reader paging
     * with {@code after} never skips a message committed late. A repeated clientMsgId of the same sender hits
     * the unique index (ON CONFLICT DO NOTHING: the earlier insert has committed, it held the room lock) and
     * the first message is returned unchanged.
     */
    public Stored append(long roomId, String senderId, String content, String clientMsgId, Appointment appointment) {
        MessageType type = appointment == null ? MessageType.TEXT : MessageType.APPOINTMENT;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(APPEND)) {
            ps.setLong(1, roomId);
            ps.setString(2, senderId);
            ps.setString(3, type.name());
            ps.setString(4, content);
            ps.setString(5, appointment == null ? null : json(appointment));
            ps.setString(6, clientMsgId);
            ps.setString(7, senderId);
            Room room;
            MessageView message = null;
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiException.notFound("Room");
                }
                room = new Room(
                                rs.getLong(1),
                                rs.getLong(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6))
                        .requireParticipant(senderId);
                if (rs.getObject(7) != null) {
                    message = message(rs, 7);
                }
            }
            if (message != null) {
                return new Stored(room, message, true);
            }
            if (clientMsgId == null) {
                throw new IllegalStateException("Message of room " + roomId + " was neither stored nor a resend");
            }
            return new Stored(room, prior(c, roomId, senderId, clientMsgId), false);
        } catch (SQLException e) {
            throw new PersistenceException("Storing a message failed: " + e.getMessage(), e);
        }
    }

    private MessageView prior(Connection c, long roomId, String senderId, String clientMsgId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM chat_message WHERE room_id = ? AND sender_id = ? AND client_msg_id = ?")) {
            ps.setLong(1, roomId);
            ps.setString(2, senderId);
            ps.setString(3, clientMsgId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException(
                            "Resent message " + clientMsgId + " of room " + roomId + " not found");
                }
                return message(rs, 1);
            }
        }
    }

    /** A message from the columns of {@link #COLUMNS}, the first of them at {@code at}. */
    private MessageView message(ResultSet rs, int at) throws SQLException {
        return new MessageView(
                rs.getLong(at),
                rs.getLong(at + 1),
                rs.getString(at + 2),
                rs.getString(at + 3),
                rs.getString(at + 4),
                appointment(rs.getString(at + 5)),
                rs.getString(at + 6),
                Timestamps.odt(rs.getObject(at + 7, OffsetDateTime.class)));
    }

    /**
     * Lock the room, insert unless resent, move the room's last message and the sender's read mark. NO KEY
     * UPDATE (what the UPDATE of the room takes anyway) serialises sends of a room without blocking the key
     * share lock a first read mark's foreign key check takes on the room (FOR UPDATE could deadlock with it).
     */
    private static final String APPEND = """
            WITH room AS (
                SELECT id, product_id, seller_id, seller_nickname, buyer_id, buyer_nickname
                  FROM chat_room WHERE id = ? FOR NO KEY UPDATE
            ), ins AS (
                INSERT INTO chat_message (room_id, sender_id, type, content, appointment, client_msg_id)
                SELECT room.id, ?, ?, ?, CAST(? AS jsonb), CAST(? AS varchar) FROM room
                 WHERE CAST(? AS varchar) IN (room.seller_id, room.buyer_id)
                ON CONFLICT (room_id, sender_id, client_msg_id) WHERE client_msg_id IS NOT NULL DO NOTHING
                RETURNING id, room_id, sender_id, type, content, CAST(appointment AS text) AS appointment,
                          client_msg_id, sent_at
            ), last AS (
                UPDATE chat_room r SET last_message_id = ins.id, updated_at = ins.sent_at FROM ins WHERE r.id = ins.room_id
            ), mark AS (
                INSERT INTO chat_read (room_id, user_id, last_read_id) SELECT room_id, sender_id, id FROM ins
                ON CONFLICT (room_id, user_id)
                DO UPDATE SET last_read_id = GREATEST(chat_read.last_read_id, EXCLUDED.last_read_id)
            )
            SELECT room.id, room.product_id, room.seller_id, room.seller_nickname, room.buyer_id, room.buyer_nickname,
                   ins.id, ins.room_id, ins.sender_id, ins.type, ins.content, ins.appointment, ins.client_msg_id,
                   ins.sent_at
              FROM room LEFT JOIN ins ON true""";

    /**
     * A page of a room's messages, always oldest first. With {@code after}: the next newer ones (catch-up);
     * with {@code before} or nothing: the newest ones before it (history). The cursor continues in the same
     * direction.
     */
    @Transactional
    public Page<MessageView> page(long roomId, String userId, Long after, Long before, String cursor, int size) {
        rooms.access(roomId, userId);
        Cursor c = Cursor.decode(cursor, 2);
        if (c != null) {
            if ("a".equals(c.stringAt(0))) {
                after = c.longAt(1);
                before = null;
            } else if ("b".equals(c.stringAt(0))) {
                before = c.longAt(1);
                after = null;
            } else {
                throw ApiException.badRequest("cursor", "invalid cursor");
            }
        }
        if (after != null && before != null) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS
                            + " FROM chat_message WHERE room_id = ?1 AND id > ?2 AND id < ?3 ORDER BY id LIMIT ?4")
                    .setParameter(1, roomId)
                    .setParameter(2, after)
                    .setParameter(3, before)
                    .setParameter(4, size + 1)
                    .getResultList();
            return Page.of(rows.stream().map(this::toView).toList(), size, m -> Cursor.encode("a", m.id()));
        }
        if (after != null) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS
                            + " FROM chat_message WHERE room_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3")
                    .setParameter(1, roomId)
                    .setParameter(2, after)
                    .setParameter(3, size + 1)
                    .getResultList();
            return Page.of(rows.stream().map(this::toView).toList(), size, m -> Cursor.encode("a", m.id()));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS
                        + " FROM chat_message WHERE room_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3")
                .setParameter(1, roomId)
                .setParameter(2, before == null ? Long.MAX_VALUE : before)
                .setParameter(3, size + 1)
                .getResultList();
        List<MessageView> newestFirst =
                new ArrayList<>(rows.stream().map(this::toView).toList());
        boolean more = newestFirst.size() > size;
        List<MessageView> items = new ArrayList<>(newestFirst.subList(0, Math.min(size, newestFirst.size())));
        Collections.reverse(items);
        return new Page<>(
                List.copyOf(items), more ? Cursor.encode("b", items.get(0).id()) : null);
    }

    /** Moves the reader's mark forward (never back), up to the room's last message. */
    @Transactional
    public ReadMark markRead(long roomId, String userId, long lastReadId) {
        Room room = rooms.access(roomId, userId);
        Number last = (Number) em.createNativeQuery("SELECT coalesce(last_message_id, 0) FROM chat_room WHERE id = ?1")
                .setParameter(1, roomId)
                .getSingleResult();
        long mark = Math.min(lastReadId, last.longValue());
        return new ReadMark(room, advanceRead(roomId, userId, mark));
    }

    private long advanceRead(long roomId, String userId, long messageId) {
        Number mark = (Number) em.createNativeQuery("""
                INSERT INTO chat_read (room_id, user_id, last_read_id) VALUES (?1, ?2, ?3)
                ON CONFLICT (room_id, user_id)
                DO UPDATE SET last_read_id = GREATEST(chat_read.last_read_id, EXCLUDED.last_read_id)
                RETURNING last_read_id""")
                .setParameter(1, roomId)
                .setParameter(2, userId)
                .setParameter(3, messageId)
                .getSingleResult();
        return mark.longValue();
    }

    private String json(Appointment appointment) {
        try {
            return mapper.writeValueAsString(appointment);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private MessageView toView(Object[] r) {
        return new MessageView(
                ((Number) r[0]).longValue(),
                ((Number) r[1]).longValue(),
                (String) r[2],
                (String) r[3],
                (String) r[4],
                appointment((String) r[5]),
                (String) r[6],
                Timestamps.odt(r[7]));
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
