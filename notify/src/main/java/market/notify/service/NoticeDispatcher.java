package market.notify.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import market.notify.domain.AdRules;
import market.notify.domain.Audience;
import market.notify.domain.Topics;
import market.notify.push.PushMessage;
import market.notify.storage.InboxStore;
import market.notify.storage.NoticeStore;
import market.notify.storage.PushOutboxStore;
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

    private final NoticeStore notices;
    private final InboxStore inbox;
    private final PushOutbox outbox;
    private final PushOutboxStore outboxStore;
    private final Clock clock;
    private final Event<InboxChanged> inboxChanged;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopping;

    public NoticeDispatcher(
            NoticeStore notices,
            InboxStore inbox,
            PushOutbox outbox,
            PushOutboxStore outboxStore,
            Clock clock,
            Event<InboxChanged> inboxChanged) {
        this.notices = notices;
        this.inbox = inbox;
        this.outbox = outbox;
        this.outboxStore = outboxStore;
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
        NoticeStore.Due due = notices.lockNextDue(utc(now)).orElse(null);
        if (due == null) {
            return false;
        }
        long id = due.id();
        boolean ad = "AD".equals(due.type());
        boolean firstRound = !due.dispatched();
        Map<String, String> data = new LinkedHashMap<>();
        data.put("type", due.type());
        data.put("noticeId", Long.toString(id));
        if (due.link() != null) {
            data.put("link", due.link());
        }
        PushMessage push = ad
                ? new PushMessage(AdRules.title(due.title()), AdRules.body(due.body()), data)
                : new PushMessage(due.title(), due.body(), data);
        int targeted;
        Instant heldUntil = null;
        Audience audience;
        if (!ad) {
            audience = Audience.ALL;
            targeted = notices.countAudience(audience, id);
            outbox.topic(Topics.NOTICES, push, false, id, targeted);
        } else if (!firstRound) {
            // 08:00 KST: every consenting user the night round did not reach (the same rule as their inboxes).
            audience = Audience.MORNING;
            targeted = outbox.usersOfNotice(id, push, true, audience);
        } else if (AdRules.isNight(now)) {
            audience = Audience.NIGHT;
            targeted = outbox.usersOfNotice(id, push, true, audience);
            heldUntil = AdRules.nextMorning(now);
        } else {
            audience = Audience.DAY;
            targeted = notices.countAudience(audience, id);
            outbox.topic(Topics.ADS, push, true, id, targeted);
        }
        notices.dispatched(id, utc(now), heldUntil == null ? null : utc(heldUntil), targeted);
        outboxStore.finishNoticeIfDone(id);
        // The round's one inbox entry, which every user it is for reads from their inbox; the title carries the
        // ad prefix in the inbox too.
        inbox.publishBroadcast(id, audience, due.type(), push.title(), push.body(), push.data(), utc(now));
        inboxChanged.fire(InboxChanged.toEveryone());
        LOG.infof(
                "Notice %d (%s) dispatched to %d user(s)%s",
                id, due.type(), targeted, heldUntil == null ? "" : ", the rest held until 08:00 KST");
        return true;
    }

    /** Notices whose last push finished while another relay thread was also finishing one. */
    private void finishStragglers() {
        notices.sendingUnheld().forEach(outboxStore::finishNoticeIfDone);
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
