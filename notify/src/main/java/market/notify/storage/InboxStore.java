package market.notify.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import market.common.db.Db;
import market.common.db.Row;
import market.common.db.Sql;
import market.notify.domain.Audience;
import market.notify.domain.InboxItem;

/**
 * The inbox: personal notifications ({@code notification}) and the broadcasts ({@code broadcast}, one row per
 * publication round of a notice or ad) merged per user when read, and the user's read mark. Both kinds take
 * their ids from one sequence, so cursors, read marks and Last-Event-ID are positions in one ordered space.
 *
 * <p>A stream that has sent id N must never later find a new item below N. Ids are taken inside transactions
 * that commit in any order, so two locks order the commits: a personal item is added under the shared inbox
 * lock (plus a per-user lock against the same user's other items) and a broadcast is published under the
 * exclusive one. Whatever commits later therefore also has the higher id.
 */
@ApplicationScoped
public class InboxStore {

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

    private final Db db;
    private final DataJson json;

    public InboxStore(Db db, DataJson json) {
        this.db = db;
        this.json = json;
    }

    /**
     * Takes the locks a personal item of {@code userId} is added under (in the caller's transaction, until it
     * ends). Shared first, then the user's: a broadcast waiting for the exclusive lock then never waits on us.
     */
    public void lockForPersonalItem(String userId) {
        db.single(
                "SELECT count(*) AS n FROM (SELECT pg_advisory_xact_lock_shared(?, 0)) l",
                r -> r.getLong("n"),
                ORDER_LOCK);
        db.single(
                "SELECT count(*) AS n FROM (SELECT pg_advisory_xact_lock(?, hashtext(?))) l",
                r -> r.getLong("n"),
                USER_LOCK,
                userId);
    }

    /** A personal item; its id. */
    public long addPersonal(
            String userId, String type, String title, String body, Map<String, String> data, OffsetDateTime now) {
        return db.single("""
                INSERT INTO notification (user_id, type, title, body, data, created_at)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""", r -> r.getLong("id"), userId, type, title, body, json.write(data), now);
    }

    /**
     * The round's one inbox entry, which every user it is for reads from their inbox. Its id is taken last,
     * under the exclusive inbox lock (held until the caller's transaction ends), so no personal item taken
     * before it can commit after it.
     */
    public void publishBroadcast(
            long noticeId,
            Audience audience,
            String type,
            String title,
            String body,
            Map<String, String> data,
            OffsetDateTime now) {
        db.single("SELECT count(*) AS n FROM (SELECT pg_advisory_xact_lock(?, 0)) l", r -> r.getLong("n"), ORDER_LOCK);
        db.update("""
                INSERT INTO broadcast (id, notice_id, audience, type, title, body, data, published_at)
                VALUES (nextval('notification_id_seq'), ?, ?, ?, ?, ?, ?, ?)""", noticeId, audience, type, title, body, json.write(data), now);
    }

    /** Personal items and visible broadcasts with {@code after < id < before}, at most {@code limit}. */
    public List<InboxItem> items(
            String userId, long after, long before, int limit, boolean oldestFirst, long readMark) {
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
        return db.list(
                Sql.of(sql, userId, after, before, limit, userId, after, before, limit, limit), r -> item(r, readMark));
    }

    /** A stream's position: the user and the last id it has sent. */
    public record Position(String userId, long after) {}

    /**
     * {@link #items} oldest first for many positions in one query (what the open streams woken together
     * need, e.g. every stream when a notice goes out): at most {@code limit} items per position, each marked
     * read against its user's read mark. Positions without new items have no entry.
     */
    public Map<Position, List<InboxItem>> itemsAfter(List<Position> positions, int limit) {
        if (positions.isEmpty()) {
            return Map.of();
        }
        String[] users = new String[positions.size()];
        long[] afters = new long[positions.size()];
        for (int i = 0; i < users.length; i++) {
            users[i] = positions.get(i).userId();
            afters[i] = positions.get(i).after();
        }
        String sql = """
                SELECT s.user_id, s.after, coalesce(me.read_up_to, 0) AS read_up_to, x.*
                  FROM unnest(?::text[], ?::bigint[]) AS s(user_id, after)
                  LEFT JOIN notification_settings me ON me.user_id = s.user_id
                  CROSS JOIN LATERAL (
                    (SELECT n.id, n.type, n.title, n.body, n.data, n.created_at FROM notification n
                      WHERE n.user_id = s.user_id AND n.id > s.after ORDER BY n.id LIMIT ?)
                    UNION ALL
                    (SELECT b.id, b.type, b.title, b.body, b.data, b.published_at FROM broadcast b
                      WHERE me.user_id IS NOT NULL AND b.id > s.after AND %s ORDER BY b.id LIMIT ?)
                    ORDER BY id LIMIT ?) x
                 ORDER BY s.user_id, s.after, x.id""".formatted(VISIBLE);
        Map<Position, List<InboxItem>> out = new HashMap<>();
        Map<Long, Map<String, String>> broadcastData = new HashMap<>();
        db.list(Sql.of(sql, users, afters, limit, limit, limit), r -> {
            long id = r.getLong("id");
            long mark = r.getLong("read_up_to");
            String data = r.string("data");
            InboxItem item = new InboxItem(
                    id,
                    r.string("type"),
                    r.string("title"),
                    r.string("body"),
                    broadcastData.computeIfAbsent(id, k -> json.read(data, "notification")),
                    id <= mark,
                    r.time("created_at"));
            out.computeIfAbsent(new Position(r.string("user_id"), r.getLong("after")), k -> new ArrayList<>())
                    .add(item);
            return id;
        });
        return out;
    }

    /** What committed with ids in a range: the users with personal items (at most a limit), and whether a broadcast did. */
    public record Changes(Set<String> users, boolean usersLimited, boolean broadcast) {}

    /** The highest id taken so far by an item of anyone's inbox (committed or not: it is the sequence's). */
    public long newestId() {
        return db.single(
                "SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS v FROM notification_id_seq",
                r -> r.getLong("v"));
    }

    /** Items committed with {@code after < id <= upTo}: whose inbox they are in, at most {@code limit} users. */
    public Changes changes(long after, long upTo, int limit) {
        List<String> users = db.list(
                "SELECT DISTINCT user_id FROM notification WHERE id > ? AND id <= ? LIMIT ?",
                r -> r.string("user_id"),
                after,
                upTo,
                limit + 1);
        boolean broadcast = db.single(
                "SELECT EXISTS (SELECT 1 FROM broadcast WHERE id > ? AND id <= ?) AS b",
                r -> r.getBoolean("b"),
                after,
                upTo);
        return new Changes(Set.copyOf(users), users.size() > limit, broadcast);
    }

    /** The newest id the user has, personal or broadcast; 0 for none. */
    public long latestId(String userId) {
        return db.single("""
                SELECT greatest((SELECT coalesce(max(id), 0) FROM notification WHERE user_id = ?),
                                (SELECT coalesce(max(b.id), 0) FROM broadcast b
                                   JOIN notification_settings me ON me.user_id = ? WHERE\s""" + VISIBLE + ")) AS latest", r -> r.getLong("latest"), userId, userId);
    }

    /** How many of the user's items are above {@code readMark}. */
    public long unread(String userId, long readMark) {
        return db.single("""
                SELECT (SELECT count(*) FROM notification WHERE user_id = ? AND id > ?)
                     + (SELECT count(*) FROM broadcast b JOIN notification_settings me ON me.user_id = ?
                         WHERE b.id > ? AND\s""" + VISIBLE + ") AS unread", r -> r.getLong("unread"), userId, readMark, userId, readMark);
    }

    /** Everything up to and including this id is read; 0 for a user notify does not know. */
    public long readMark(String userId) {
        return db.optional(
                        "SELECT read_up_to FROM notification_settings WHERE user_id = ?",
                        r -> r.getLong("read_up_to"),
                        userId)
                .orElse(0L);
    }

    /** Moves the read mark up to {@code upTo}; never down. */
    public void markRead(String userId, long upTo) {
        db.update(
                "UPDATE notification_settings SET read_up_to = ? WHERE user_id = ? AND read_up_to < ?",
                upTo,
                userId,
                upTo);
    }

    private InboxItem item(Row r, long readMark) throws SQLException {
        long id = r.getLong("id");
        return new InboxItem(
                id,
                r.string("type"),
                r.string("title"),
                r.string("body"),
                json.read(r.string("data"), "notification"),
                id <= readMark,
                r.time("created_at"));
    }
}
