package market.notify.service;

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

/**
 * A user's in-app inbox: their personal notifications merged with the broadcasts (notices, ads) they may see,
 * which are stored once ({@code broadcast}) and filtered per user when read. Both kinds share one id sequence,
 * so the list's cursor, the read mark and the streams' Last-Event-ID are positions in one ordered space.
 *
 * <p>A stream that has sent id N must never later find a new item below N. Ids are taken from a sequence
 * inside transactions that commit in any order, so two locks order the commits: a personal item is added
 * under a shared inbox lock (plus a per-user lock against the same user's other items) and a broadcast is
 * published under the exclusive one. Whatever commits later therefore also has the higher id.
 */
@ApplicationScoped
public class InboxService {

    public record Item(
            long id,
            String type,
            String title,
            String body,
            Map<String, String> data,
            boolean read,
            OffsetDateTime createdAt) {}

    public record InboxPage(List<Item> items, String nextCursor, long unreadCount) {}

    /** Advisory lock keys (first half) of the id-ordering locks described above. */
    public static final int ORDER_LOCK = 0x6e74_0001;

    static final int USER_LOCK = 0x6e74_0002;

    /**
     * Whether broadcast {@code b} reaches the user whose settings are {@code me}: published since they joined,
     * and for ads only with marketing consent given before the round was published (night rounds also with
     * night consent; the 08:00 round reaches the consenting users the night round did not).
     */
    static final String VISIBLE = """
            b.published_at >= me.joined_at AND (b.audience = 'ALL' OR (me.marketing
              AND me.marketing_consented_at <= b.published_at AND (b.audience = 'DAY'
                OR (b.audience = 'NIGHT' AND me.marketing_night AND me.marketing_night_at <= b.published_at)
                OR (b.audience = 'MORNING' AND NOT EXISTS (SELECT 1 FROM broadcast nb
                      WHERE nb.notice_id = b.notice_id AND nb.audience = 'NIGHT'
                        AND me.marketing_night AND me.marketing_night_at <= nb.published_at)))))""";

    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

    private final EntityManager em;
    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final SettingsService settings;
    private final PushOutbox outbox;
    private final Clock clock;
    private final Event<InboxChanged> changed;

    public InboxService(
            EntityManager em,
            AgroalDataSource dataSource,
            ObjectMapper json,
            SettingsService settings,
            PushOutbox outbox,
            Clock clock,
            Event<InboxChanged> changed) {
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
        settings.of(userId);
        Cursor c = Cursor.decode(cursor, 1);
        long before = c == null ? Long.MAX_VALUE : c.longAt(0);
        try (Connection conn = dataSource.getConnection()) {
            long mark = readMark(conn, userId);
            List<Item> items = query(conn, userId, 0, before, size + 1, false, mark);
            Page<Item> page = Page.of(items, size, i -> Cursor.encode(i.id()));
            return new InboxPage(page.items(), page.nextCursor(), unread(conn, userId, mark));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Marks everything of the user up to and including {@code upToId} read, personal items and broadcasts
     * alike; returns what stays unread. The mark never passes the newest item the user has, so an id from
     * the future cannot pre-read what has not arrived yet.
     */
    @Transactional
    public long markRead(String userId, long upToId) {
        settings.of(userId);
        try (Connection conn = dataSource.getConnection()) {
            long upTo = Math.min(upToId, latestId(conn, userId));
            try (PreparedStatement ps = conn.prepareStatement(
                    "UPDATE notification_settings SET read_up_to = ? WHERE user_id = ? AND read_up_to < ?")) {
                ps.setLong(1, upTo);
                ps.setString(2, userId);
                ps.setLong(3, upTo);
                ps.executeUpdate();
            }
            return unread(conn, userId, readMark(conn, userId));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long add(String userId, String type, String title, String body, Map<String, String> data) {
        // Shared first, then the user's: a broadcast waiting for the exclusive lock then never waits on us.
        em.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock_shared(?1, 0)) l")
                .setParameter(1, ORDER_LOCK)
                .getSingleResult();
        em.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(?1, hashtext(?2))) l")
                .setParameter(1, USER_LOCK)
                .setParameter(2, userId)
                .getSingleResult();
        Number id = (Number) em.createNativeQuery("""
                INSERT INTO notification (user_id, type, title, body, data, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id""")
                .setParameter(1, userId)
                .setParameter(2, type)
                .setParameter(3, title)
                .setParameter(4, body)
                .setParameter(5, outbox.toJson(data))
                .setParameter(6, Instant.now(clock).atOffset(ZoneOffset.UTC))
                .getSingleResult();
        InboxFanout.announce(em, userId);
        changed.fire(InboxChanged.of(userId));
        return id.longValue();
    }

    /** The newest id the user has, so a stream without Last-Event-ID starts after it. */
    public long latestId(String userId) {
        try (Connection c = dataSource.getConnection()) {
            return latestId(c, userId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Items after {@code afterId}, oldest first; plain JDBC so that stream threads need no request context. */
    public List<Item> after(String userId, long afterId, int limit) {
        try (Connection c = dataSource.getConnection()) {
            return query(c, userId, afterId, Long.MAX_VALUE, limit, true, readMark(c, userId));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Personal items and visible broadcasts with {@code after < id < before}, at most {@code limit}. */
    private List<Item> query(
            Connection c, String userId, long after, long before, int limit, boolean oldestFirst, long readMark)
            throws SQLException {
        String dir = oldestFirst ? "ASC" : "DESC";
        String sql = """
                SELECT id, type, title, body, data, created_at FROM (
                  (SELECT n.id, n.type, n.title, n.body, n.data, n.created_at FROM notification n
                    WHERE n.user_id = ? AND n.id > ? AND n.id < ? ORDER BY n.id %1$s LIMIT ?)
                  UNION ALL
                  (SELECT b.id, b.type, b.title, b.body, b.data, b.published_at FROM broadcast b
                     JOIN notification_settings me ON me.user_id = ?
                    WHERE b.id > ? AND b.id < ? AND %2$s ORDER BY b.id %1$s LIMIT ?)
                ) x ORDER BY id %1$s LIMIT ?""".formatted(dir, VISIBLE);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, userId);
            ps.setLong(2, after);
            ps.setLong(3, before);
            ps.setInt(4, limit);
            ps.setString(5, userId);
            ps.setLong(6, after);
            ps.setLong(7, before);
            ps.setInt(8, limit);
            ps.setInt(9, limit);
            List<Item> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    items.add(new Item(
                            id,
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            parse(rs.getString(5)),
                            id <= readMark,
                            rs.getObject(6, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC)));
                }
            }
            return items;
        }
    }

    private long latestId(Connection c, String userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT greatest((SELECT coalesce(max(id), 0) FROM notification WHERE user_id = ?),
                                (SELECT coalesce(max(b.id), 0) FROM broadcast b
                                   JOIN notification_settings me ON me.user_id = ? WHERE\s""" + VISIBLE + "))")) {
            ps.setString(1, userId);
            ps.setString(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long unread(Connection c, String userId, long readMark) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT (SELECT count(*) FROM notification WHERE user_id = ? AND id > ?)
                     + (SELECT count(*) FROM broadcast b JOIN notification_settings me ON me.user_id = ?
                         WHERE b.id > ? AND\s""" + VISIBLE + ")")) {
            ps.setString(1, userId);
            ps.setLong(2, readMark);
            ps.setString(3, userId);
            ps.setLong(4, readMark);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long readMark(Connection c, String userId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT read_up_to FROM notification_settings WHERE user_id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private Map<String, String> parse(String text) {
        try {
            return json.readValue(text, MAP);
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable notification data", e);
        }
    }
}
