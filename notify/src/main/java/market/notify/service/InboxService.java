package market.notify.service;

import market.common.db.Timestamps;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import market.common.api.Cursor;
import market.common.api.Page;

/** A user's in-app notifications: the list, unread count, marking read, and what streams replay. */
@ApplicationScoped
public class InboxService {

    public record Item(long id, String type, String title, String body, Map<String, String> data, boolean read,
            OffsetDateTime createdAt) {
    }

    public record InboxPage(List<Item> items, String nextCursor, long unreadCount) {
    }

    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };
    private static final String COLUMNS = "SELECT id, type, title, body, data, read, created_at FROM notification";

    private final EntityManager em;
    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final SettingsService settings;
    private final PushOutbox outbox;
    private final Clock clock;
    private final Event<InboxChanged> changed;

    public InboxService(EntityManager em, AgroalDataSource dataSource, ObjectMapper json, SettingsService settings,
            PushOutbox outbox, Clock clock, Event<InboxChanged> changed) {
        this.em = em;
        this.dataSource = dataSource;
        this.json = json;
        this.settings = settings;
        this.outbox = outbox;
        this.clock = clock;
        this.changed = changed;
    }

    @Transactional
    public InboxPage page(String userId, String cursor, int size) {
        settings.of(userId); // from now on the user is known and gets every notice
        Cursor c = Cursor.decode(cursor, 1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COLUMNS + " WHERE user_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3")
                .setParameter(1, userId).setParameter(2, c == null ? Long.MAX_VALUE : c.longAt(0))
                .setParameter(3, size + 1).getResultList();
        Page<Item> page = Page.of(rows.stream().map(this::item).toList(), size, i -> Cursor.encode(i.id()));
        return new InboxPage(page.items(), page.nextCursor(), unread(userId));
    }

    /** Marks everything of the user up to and including {@code upToId} read; returns what stays unread. */
    @Transactional
    public long markRead(String userId, long upToId) {
        em.createNativeQuery("UPDATE notification SET read = true WHERE user_id = ?1 AND id <= ?2 AND NOT read")
                .setParameter(1, userId).setParameter(2, upToId).executeUpdate();
        return unread(userId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long add(String userId, String type, String title, String body, Map<String, String> data) {
        Number id = (Number) em.createNativeQuery("""
                INSERT INTO notification (user_id, type, title, body, data, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id""")
                .setParameter(1, userId).setParameter(2, type).setParameter(3, title).setParameter(4, body)
                .setParameter(5, outbox.toJson(data)).setParameter(6, Instant.now(clock).atOffset(ZoneOffset.UTC))
                .getSingleResult();
        InboxFanout.announce(em, userId);
        changed.fire(InboxChanged.of(userId));
        return id.longValue();
    }

    /** The newest id the user has, so a stream without Last-Event-ID starts after it. */
    public long latestId(String userId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(id), 0) FROM notification WHERE user_id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Items after {@code afterId}, oldest first; plain JDBC so that stream threads need no request context. */
    public List<Item> after(String userId, long afterId, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        COLUMNS + " WHERE user_id = ? AND id > ? ORDER BY id LIMIT ?")) {
            ps.setString(1, userId);
            ps.setLong(2, afterId);
            ps.setInt(3, limit);
            List<Item> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            parse(rs.getString(5)), rs.getBoolean(6),
                            rs.getObject(7, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC)));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long unread(String userId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM notification WHERE user_id = ?1 AND NOT read")
                .setParameter(1, userId).getSingleResult()).longValue();
    }

    private Item item(Object[] r) {
        return new Item(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], parse((String) r[4]),
                (Boolean) r[5], Timestamps.odt(r[6]));
    }

    private Map<String, String> parse(String text) {
        try {
            return json.readValue(text, MAP);
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable notification data", e);
        }
    }
}
