package market.notify.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import market.notify.domain.AdRules;
import market.notify.push.PushMessage;
import org.jboss.logging.Logger;

/**
 * Sends notices that are due: publishes the round's one inbox entry (every user's inbox reads it, see
 * {@link InboxService}) and queues the pushes, in one transaction per notice. A NOTICE goes to topic `notices`
 * and every inbox. An AD goes to users with marketing consent (topic `ads` by day); at night only to those with
 * night consent, one by one, and to the rest at 08:00 KST.
 */
@ApplicationScoped
public class NoticeDispatcher {

    private static final Logger LOG = Logger.getLogger(NoticeDispatcher.class);
    private static final String EVERYONE = "true";
    private static final String MARKETING = "s.marketing";
    private static final String MARKETING_NIGHT = "s.marketing AND s.marketing_night";

    private final EntityManager em;
    private final PushOutbox outbox;
    private final OutboxStore store;
    private final Clock clock;
    private final Event<InboxChanged> inboxChanged;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopping;

    public NoticeDispatcher(
            EntityManager em, PushOutbox outbox, OutboxStore store, Clock clock, Event<InboxChanged> inboxChanged) {
        this.em = em;
        this.outbox = outbox;
        this.store = store;
        this.clock = clock;
        this.inboxChanged = inboxChanged;
    }

    @Scheduled(every = "${market.notify.notices.every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onTimer() {
        dispatchDue();
    }

    void onAccepted(@Observes(during = TransactionPhase.AFTER_SUCCESS) NoticeService.NoticeDue event) {
        Infrastructure.getDefaultWorkerPool().execute(this::dispatchDue);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Dispatches every notice (or held ad round) that is due now. */
    public void dispatchDue() {
        if (stopping || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            while (!stopping && QuarkusTransaction.requiringNew().call(this::dispatchOne)) {
                // next one
            }
            QuarkusTransaction.requiringNew().run(this::finishStragglers);
        } catch (RuntimeException e) {
            if (stopping) {
                LOG.debug("Notice dispatch interrupted by shutdown; it resumes at the next start", e);
            } else {
                LOG.error("Notice dispatch failed; it will run again", e);
            }
        } finally {
            running.set(false);
        }
    }

    private boolean dispatchOne() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, type, title, body, link, dispatched FROM notice
                 WHERE (status = 'SCHEDULED' AND scheduled_at <= ?1)
                    OR (status = 'SENDING' AND (NOT dispatched OR held_until <= ?1))
                 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, now.atOffset(ZoneOffset.UTC))
                .getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        Object[] r = rows.get(0);
        long id = ((Number) r[0]).longValue();
        boolean ad = "AD".equals(r[1]);
        String title = (String) r[2];
        String body = (String) r[3];
        String link = (String) r[4];
        boolean firstRound = !(Boolean) r[5];
        Map<String, String> data = new LinkedHashMap<>();
        data.put("type", (String) r[1]);
        data.put("noticeId", Long.toString(id));
        if (link != null) {
            data.put("link", link);
        }
        PushMessage push = ad
                ? new PushMessage(AdRules.title(title), AdRules.body(body), data)
                : new PushMessage(title, body, data);
        int targeted;
        String heldUntil = null;
        String audience;
        if (!ad) {
            audience = "ALL";
            targeted = count(EVERYONE);
            outbox.topic(PushOutbox.NOTICES_TOPIC, push, false, id, targeted);
        } else if (!firstRound) {
            // 08:00 KST: every consenting user the night round did not reach (the same rule as their inboxes).
            audience = "MORNING";
            String rest = MARKETING + " AND NOT EXISTS (SELECT 1 FROM broadcast nb WHERE nb.notice_id = " + id
                    + " AND nb.audience = 'NIGHT' AND s.marketing_night AND s.marketing_night_at <= nb.published_at)";
            targeted = outbox.usersOfNotice(id, push, true, rest);
        } else if (AdRules.isNight(now)) {
            audience = "NIGHT";
            targeted = outbox.usersOfNotice(id, push, true, MARKETING_NIGHT);
            heldUntil = "held";
        } else {
            audience = "DAY";
            targeted = count(MARKETING);
            outbox.topic(PushOutbox.ADS_TOPIC, push, true, id, targeted);
        }
        em.createNativeQuery("""
                UPDATE notice SET status = 'SENDING', dispatched = true, sent_at = coalesce(sent_at, ?2),
                       held_until = ?3, targeted = targeted + ?4, version = version + 1 WHERE id = ?1""")
                .setParameter(1, id)
                .setParameter(2, now.atOffset(ZoneOffset.UTC))
                .setParameter(
                        3, heldUntil == null ? null : AdRules.nextMorning(now).atOffset(ZoneOffset.UTC))
                .setParameter(4, targeted)
                .executeUpdate();
        store.finishNoticeIfDone(id);
        publish(id, audience, push, now);
        InboxFanout.announce(em, InboxFanout.EVERYONE);
        inboxChanged.fire(InboxChanged.toEveryone());
        LOG.infof(
                "Notice %d (%s) dispatched to %d user(s)%s",
                id, r[1], targeted, heldUntil == null ? "" : ", the rest held until 08:00 KST");
        return true;
    }

    /** Notices whose last push finished while another relay thread was also finishing one. */
    private void finishStragglers() {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                SELECT id FROM notice WHERE status = 'SENDING' AND dispatched AND held_until IS NULL""").getResultList();
        ids.forEach(id -> store.finishNoticeIfDone(id.longValue()));
    }

    /** How many users notify knows that the round is for: a count only, nothing is written per user. */
    private int count(String userFilter) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM notification_settings s WHERE " + userFilter)
                        .getSingleResult())
                .intValue();
    }

    /**
     * The round's one inbox entry, which every user it is for reads from their inbox; the title carries the ad
     * prefix in the inbox too. Its id is taken last, under the exclusive inbox lock (see {@link InboxService}),
     * so no personal item taken before it can commit after it.
     */
    private void publish(long noticeId, String audience, PushMessage push, Instant now) {
        em.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(?1, 0)) l")
                .setParameter(1, InboxService.ORDER_LOCK)
                .getSingleResult();
        em.createNativeQuery("""
                INSERT INTO broadcast (id, notice_id, audience, type, title, body, data, published_at)
                VALUES (nextval('notification_id_seq'), ?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, noticeId)
                .setParameter(2, audience)
                .setParameter(3, push.data().get("type"))
                .setParameter(4, push.title())
                .setParameter(5, push.body())
                .setParameter(6, outbox.toJson(push.data()))
                .setParameter(7, now.atOffset(ZoneOffset.UTC))
                .executeUpdate();
    }
}
