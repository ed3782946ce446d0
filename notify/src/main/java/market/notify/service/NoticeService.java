package market.notify.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import market.common.api.ApiException;
import market.notify.domain.NoticeType;
import market.notify.domain.NoticeView;

/** Admin commands on notices and ads: compose (now or scheduled) and cancel while still scheduled. */
@ApplicationScoped
public class NoticeService {

    /** Fired when a notice is due now; observed after commit to dispatch it without waiting for the timer. */
    public record NoticeDue(long id) {}

    private final EntityManager em;
    private final NoticeQueries queries;
    private final Clock clock;
    private final Event<NoticeDue> due;

    public NoticeService(EntityManager em, NoticeQueries queries, Clock clock, Event<NoticeDue> due) {
        this.em = em;
        this.queries = queries;
        this.clock = clock;
        this.due = due;
    }

    @Transactional
    public NoticeView create(
            String adminId, NoticeType type, String title, String body, String link, OffsetDateTime scheduledAt) {
        Instant now = clock.instant();
        if (scheduledAt != null && !scheduledAt.toInstant().isAfter(now)) {
            throw ApiException.badRequest("scheduledAt", "must be in the future");
        }
        if (scheduledAt != null && scheduledAt.toInstant().isAfter(now.plusSeconds(366L * 24 * 3600))) {
            throw ApiException.badRequest("scheduledAt", "must be within a year");
        }
        Number id = (Number) em.createNativeQuery("""
                INSERT INTO notice (type, title, body, link, status, scheduled_at, created_by, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id""")
                .setParameter(1, type.name())
                .setParameter(2, title)
                .setParameter(3, body)
                .setParameter(4, link)
                .setParameter(5, scheduledAt == null ? "SENDING" : "SCHEDULED")
                .setParameter(6, scheduledAt == null ? null : scheduledAt.withOffsetSameInstant(ZoneOffset.UTC))
                .setParameter(7, adminId)
                .setParameter(8, now.atOffset(ZoneOffset.UTC))
                .getSingleResult();
        if (scheduledAt == null) {
            due.fire(new NoticeDue(id.longValue()));
        }
        return get(id.longValue());
    }

    @Transactional
    public NoticeView get(long id) {
        return queries.find(id).orElseThrow(() -> ApiException.notFound("Notice"));
    }

    @Transactional
    public NoticeView cancel(long id) {
        int n = em.createNativeQuery("""
                UPDATE notice SET status = 'CANCELLED', version = version + 1 WHERE id = ?1 AND status = 'SCHEDULED'""").setParameter(1, id).executeUpdate();
        NoticeView view = get(id);
        if (n == 0) {
            throw ApiException.conflict("Only a scheduled notice can be cancelled; this one is " + view.status());
        }
        return view;
    }
}
