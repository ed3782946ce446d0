package market.notify.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import market.common.api.ApiException;
import market.notify.domain.NoticeType;
import market.notify.domain.NoticeView;
import market.notify.storage.NoticeStore;

/** Admin commands on notices and ads: compose (now or scheduled) and cancel while still scheduled. */
@ApplicationScoped
public class NoticeService {

    /** Fired when a notice is due now; observed after commit to dispatch it without waiting for the timer. */
    public record NoticeDue(long id) {}

    private final NoticeStore store;
    private final NoticeQueries queries;
    private final Clock clock;
    private final Event<NoticeDue> due;

    public NoticeService(NoticeStore store, NoticeQueries queries, Clock clock, Event<NoticeDue> due) {
        this.store = store;
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
        long id = store.add(
                type,
                title,
                body,
                link,
                scheduledAt == null ? null : scheduledAt.withOffsetSameInstant(ZoneOffset.UTC),
                adminId,
                now.atOffset(ZoneOffset.UTC));
        if (scheduledAt == null) {
            due.fire(new NoticeDue(id));
        }
        return get(id);
    }

    @Transactional
    public NoticeView get(long id) {
        return queries.find(id).orElseThrow(() -> ApiException.notFound("Notice"));
    }

    @Transactional
    public NoticeView cancel(long id) {
        boolean cancelled = store.cancel(id);
        NoticeView view = get(id);
        if (!cancelled) {
            throw ApiException.conflict("Only a scheduled notice can be cancelled; this one is " + view.status());
        }
        return view;
    }
}
