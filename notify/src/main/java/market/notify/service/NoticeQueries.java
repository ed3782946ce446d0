package market.notify.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import market.common.api.Cursor;
import market.common.api.Page;
import market.common.db.Timestamps;
import market.notify.domain.NoticeView;

/** Read side of notices: the public list (sent notices, never ads) and the admin list with stats. */
@ApplicationScoped
public class NoticeQueries {

    private static final String COLUMNS = """
            SELECT id, type, title, body, link, status, scheduled_at, sent_at, created_at, targeted, sent, failed, held_until
              FROM notice""";

    private final EntityManager em;

    public NoticeQueries(EntityManager em) {
        this.em = em;
    }

    public Page<NoticeView> published(String cursor, int size) {
        return page(
                COLUMNS
                        + " WHERE type = 'NOTICE' AND sent_at IS NOT NULL AND id < :after ORDER BY id DESC LIMIT :limit",
                cursor,
                size);
    }

    public Page<NoticeView> all(String cursor, int size) {
        return page(COLUMNS + " WHERE id < :after ORDER BY id DESC LIMIT :limit", cursor, size);
    }

    public java.util.Optional<NoticeView> find(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COLUMNS + " WHERE id = :id")
                .setParameter("id", id)
                .getResultList();
        return rows.stream().findFirst().map(NoticeQueries::toView);
    }

    private Page<NoticeView> page(String sql, String cursor, int size) {
        Cursor c = Cursor.decode(cursor, 1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql)
                .setParameter("after", c == null ? Long.MAX_VALUE : c.longAt(0))
                .setParameter("limit", size + 1)
                .getResultList();
        return Page.of(rows.stream().map(NoticeQueries::toView).toList(), size, n -> Cursor.encode(n.id()));
    }

    private static NoticeView toView(Object[] r) {
        return new NoticeView(
                ((Number) r[0]).longValue(),
                (String) r[1],
                (String) r[2],
                (String) r[3],
                (String) r[4],
                (String) r[5],
                Timestamps.odt(r[6]),
                Timestamps.odt(r[7]),
                Timestamps.odt(r[8]),
                Timestamps.odt(r[12]),
                new NoticeView.Stats(
                        ((Number) r[9]).intValue(), ((Number) r[10]).intValue(), ((Number) r[11]).intValue()));
    }
}
