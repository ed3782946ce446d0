package market.chat.service;

import market.common.db.Timestamps;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import market.chat.api.MessageView;
import market.chat.domain.Appointment;
import market.chat.domain.MessageType;
import market.chat.domain.Room;
import market.common.api.ApiException;
import market.common.api.Cursor;
import market.common.api.Page;

/** Durable message history in PostgreSQL: what is acknowledged has been committed here. */
@ApplicationScoped
public class MessageStore {

    public record Stored(Room room, MessageView message, boolean created) {
    }

    public record ReadMark(Room room, long messageId) {
    }

    private static final String COLUMNS =
            "id, room_id, sender_id, type, content, CAST(appointment AS text), client_msg_id, sent_at";
    private static final String RAW_COLUMNS = "id, room_id, sender_id, type, content, appointment, client_msg_id, sent_at";

    private final EntityManager em;
    private final RoomService rooms;
    private final ObjectMapper mapper;

    public MessageStore(EntityManager em, RoomService rooms, ObjectMapper mapper) {
        this.em = em;
        this.rooms = rooms;
        this.mapper = mapper;
    }

    /**
     * Stores a message. The room row is locked first, so ids are handed out and committed in the same
     * order within a room: a reader paging with {@code after} never skips a message committed late.
     * A repeated clientMsgId of the same sender returns the first message unchanged.
     */
    @Transactional
    public Stored append(long roomId, String senderId, String content, String clientMsgId, Appointment appointment) {
        Room room = rooms.accessForUpdate(roomId, senderId);
        MessageType type = appointment == null ? MessageType.TEXT : MessageType.APPOINTMENT;
        // One round trip for the rest (the room row is locked above): the earlier message with this clientMsgId,
        // or the insert plus the room's last message and the sender's read mark.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("WITH prior AS (SELECT " + RAW_COLUMNS + """
                     FROM chat_message
                    WHERE room_id = ?1 AND sender_id = ?2 AND client_msg_id = CAST(?6 AS varchar)
                ), ins AS (
                    INSERT INTO chat_message (room_id, sender_id, type, content, appointment, client_msg_id)
                    SELECT ?1, ?2, ?3, ?4, CAST(?5 AS jsonb), CAST(?6 AS varchar) WHERE NOT EXISTS (SELECT 1 FROM prior)
                    RETURNING""" + " " + RAW_COLUMNS + """
                ), last AS (
                    UPDATE chat_room r SET last_message_id = ins.id, updated_at = ins.sent_at FROM ins WHERE r.id = ins.room_id
                ), mark AS (
                    INSERT INTO chat_read (room_id, user_id, last_read_id) SELECT room_id, sender_id, id FROM ins
                    ON CONFLICT (room_id, user_id)
                    DO UPDATE SET last_read_id = GREATEST(chat_read.last_read_id, EXCLUDED.last_read_id)
                )
                SELECT""" + " " + COLUMNS + ", true FROM ins UNION ALL SELECT " + COLUMNS + ", false FROM prior")
                .setParameter(1, roomId)
                .setParameter(2, senderId)
                .setParameter(3, type.name())
                .setParameter(4, content)
                .setParameter(5, appointment == null ? null : json(appointment))
                .setParameter(6, clientMsgId)
                .getResultList();
        Object[] row = rows.get(0);
        return new Stored(room, toView(row), (Boolean) row[8]);
    }

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
                    .setParameter(1, roomId).setParameter(2, after).setParameter(3, before).setParameter(4, size + 1)
                    .getResultList();
            return Page.of(rows.stream().map(this::toView).toList(), size, m -> Cursor.encode("a", m.id()));
        }
        if (after != null) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS
                    + " FROM chat_message WHERE room_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3")
                    .setParameter(1, roomId).setParameter(2, after).setParameter(3, size + 1)
                    .getResultList();
            return Page.of(rows.stream().map(this::toView).toList(), size, m -> Cursor.encode("a", m.id()));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS
                + " FROM chat_message WHERE room_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3")
                .setParameter(1, roomId).setParameter(2, before == null ? Long.MAX_VALUE : before)
                .setParameter(3, size + 1)
                .getResultList();
        List<MessageView> newestFirst = new ArrayList<>(rows.stream().map(this::toView).toList());
        boolean more = newestFirst.size() > size;
        List<MessageView> items = new ArrayList<>(newestFirst.subList(0, Math.min(size, newestFirst.size())));
        Collections.reverse(items);
        return new Page<>(List.copyOf(items), more ? Cursor.encode("b", items.get(0).id()) : null);
    }

    /** Moves the reader's mark forward (never back), up to the room's last message. */
    @Transactional
    public ReadMark markRead(long roomId, String userId, long lastReadId) {
        Room room = rooms.access(roomId, userId);
        Number last = (Number) em.createNativeQuery("SELECT coalesce(last_message_id, 0) FROM chat_room WHERE id = ?1")
                .setParameter(1, roomId).getSingleResult();
        long mark = Math.min(lastReadId, last.longValue());
        return new ReadMark(room, advanceRead(roomId, userId, mark));
    }

    private long advanceRead(long roomId, String userId, long messageId) {
        Number mark = (Number) em.createNativeQuery("""
                INSERT INTO chat_read (room_id, user_id, last_read_id) VALUES (?1, ?2, ?3)
                ON CONFLICT (room_id, user_id)
                DO UPDATE SET last_read_id = GREATEST(chat_read.last_read_id, EXCLUDED.last_read_id)
                RETURNING last_read_id""")
                .setParameter(1, roomId).setParameter(2, userId).setParameter(3, messageId)
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
        Appointment appointment = null;
        if (r[5] != null) {
            try {
                appointment = mapper.readValue((String) r[5], Appointment.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Stored appointment is unreadable", e);
            }
        }
        return new MessageView(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2],
                (String) r[3], (String) r[4], appointment, (String) r[6], Timestamps.odt(r[7]));
    }
}
