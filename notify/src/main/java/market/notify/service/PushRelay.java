package market.notify.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import market.common.outbox.Backoff;
import market.common.outbox.Drain;
import market.notify.config.NotifyConfig;
import market.notify.domain.AdRules;
import market.notify.push.FcmGateway;
import market.notify.push.PushException;
import market.notify.push.PushMessage;
import market.notify.push.TokenResult;
import market.notify.storage.PushOutboxStore;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Delivers push_outbox rows to FCM: on a timer, and right after a commit that added rows. Failed sends are
 * rescheduled with exponential backoff until they succeed or run out of attempts; dead tokens are deleted.
 */
@ApplicationScoped
public class PushRelay {

    private static final Logger LOG = Logger.getLogger(PushRelay.class);
    /** FCM accepts at most 500 tokens per multicast. */
    private static final int MULTICAST_LIMIT = 500;

    private static final Duration LEASE = Duration.ofMinutes(2);

    private final PushOutboxStore store;
    private final FcmGateway fcm;
    private final Clock clock;
    private final NotifyConfig.Relay config;
    private final Backoff backoff;
    private final Drain drain;

    public PushRelay(PushOutboxStore store, FcmGateway fcm, Clock clock, NotifyConfig config) {
        this.store = store;
        this.fcm = fcm;
        this.clock = clock;
        this.config = config.relay();
        this.backoff = new Backoff(this.config.backoffBase(), this.config.backoffMax(), this.config.maxAttempts());
        this.drain = new Drain("Push relay", this::round, this.config.batchSize());
    }

    @Scheduled(every = "${market.notify.relay.every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onTimer() {
        drain();
    }

    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxChanged event) {
        Infrastructure.getDefaultWorkerPool().execute(this::drain);
    }

    void onStop(@Observes ShutdownEvent event) {
        drain.stop();
    }

    /** Sends everything that is due (see {@link Drain}: one drain at a time, more wake-ups repeat it). */
    public void drain() {
        drain.drain();
    }

    private int round() {
        List<PushOutboxStore.Pending> rows = store.claim(config.batchSize(), LEASE);
        for (PushOutboxStore.Pending row : rows) {
            if (drain.stopping()) {
                break;
            }
            try {
                deliver(row);
            } catch (CircuitBreakerOpenException e) {
                retryLater(row, null, "FCM circuit open");
            } catch (PushException e) {
                if (e.permanent()) {
                    LOG.warnf("Push %d rejected by FCM: %s", row.id(), e.getMessage());
                    finish(row, false, e.getMessage());
                } else {
                    retryLater(row, null, e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Push %d failed", row.id());
                retryLater(row, null, String.valueOf(e));
            }
        }
        return rows.size();
    }

    private void deliver(PushOutboxStore.Pending row) {
        switch (row.kind()) {
            case "TOPIC" -> {
                if (row.ad() && AdRules.isNight(clock.instant())) {
                    holdUntilMorning(row);
                    return;
                }
                fcm.sendToTopic(row.topic(), message(row));
                finish(row, true, null);
            }
            case "USER" -> deliverToUser(row);
            case "SUBSCRIBE", "UNSUBSCRIBE" -> manageTopic(row, "SUBSCRIBE".equals(row.kind()));
            default -> throw new IllegalStateException("Unknown outbox kind " + row.kind());
        }
    }

    private void deliverToUser(PushOutboxStore.Pending row) {
        if (row.ad()) {
            PushOutboxStore.Consent consent = store.consentOf(row.userId());
            if (!consent.marketing()) {
                finish(row, false, "marketing consent withdrawn");
                return;
            }
            if (!consent.night() && AdRules.isNight(clock.instant())) {
                holdUntilMorning(row);
                return;
            }
        }
        List<String> current = store.tokensOf(row.userId());
        List<String> targets = row.tokens() == null
                ? current
                : row.tokens().stream().filter(current::contains).toList();
        List<String> retry = new ArrayList<>();
        List<String> dead = new ArrayList<>();
        int sent = 0;
        for (int from = 0; from < targets.size(); from += MULTICAST_LIMIT) {
            List<String> chunk = targets.subList(from, Math.min(targets.size(), from + MULTICAST_LIMIT));
            List<TokenResult> results;
            try {
                results = fcm.sendToTokens(chunk, message(row));
            } catch (PushException | CircuitBreakerOpenException e) {
                if (e instanceof PushException p && p.permanent()) {
                    throw p;
                }
                retry.addAll(chunk);
                continue;
            }
            for (TokenResult r : results) {
                switch (r.outcome()) {
                    case SENT -> sent++;
                    case RETRY -> retry.add(r.token());
                    case INVALID_TOKEN -> dead.add(r.token());
                    case REJECTED -> LOG.warnf("FCM rejected push %d for a device: %s", row.id(), r.error());
                }
            }
        }
        if (!dead.isEmpty()) {
            LOG.infof("Forgot %d device token(s) FCM reported as unregistered or invalid", store.forget(dead));
        }
        if (!retry.isEmpty()) {
            retryLater(row, retry, "FCM unavailable for " + retry.size() + " device(s)");
        } else {
            // A user without devices still got the inbox item: that is delivered, too.
            boolean delivered = sent > 0 || targets.size() == dead.size();
            finish(row, delivered, delivered ? null : "FCM rejected every device");
        }
    }

    private void manageTopic(PushOutboxStore.Pending row, boolean subscribe) {
        List<String> targets = store.topicTargets(subscribe, row.topic(), row.tokens());
        if (targets.isEmpty()) {
            finish(row, true, null);
            return;
        }
        List<TokenResult> results = fcm.manageTopic(subscribe, row.topic(), targets);
        List<String> retry = new ArrayList<>();
        List<String> dead = new ArrayList<>();
        for (TokenResult r : results) {
            if (r.outcome() == TokenResult.Outcome.RETRY) {
                retry.add(r.token());
            } else if (r.outcome() == TokenResult.Outcome.INVALID_TOKEN && subscribe) {
                dead.add(r.token());
            }
        }
        store.forget(dead);
        if (retry.isEmpty()) {
            finish(row, true, null);
        } else {
            retryLater(row, retry, "topic management failed for " + retry.size() + " device(s)");
        }
    }

    private void holdUntilMorning(PushOutboxStore.Pending row) {
        store.hold(row, AdRules.nextMorning(clock.instant()), "held until 08:00 KST");
    }

    private void retryLater(PushOutboxStore.Pending row, List<String> tokens, String error) {
        boolean givenUp = QuarkusTransaction.joiningExisting()
                .call(() -> store.retry(row, tokens != null ? tokens : row.tokens(), error, backoff));
        if (givenUp) {
            LOG.errorf("Push %d given up after %d attempts: %s", row.id(), row.attempts(), error);
        }
    }

    /** The row, the notice's statistics and its state change in one transaction. */
    private void finish(PushOutboxStore.Pending row, boolean delivered, String error) {
        QuarkusTransaction.joiningExisting().run(() -> store.finish(row, delivered, error));
    }

    private static PushMessage message(PushOutboxStore.Pending row) {
        Map<String, String> data = new HashMap<>(row.data());
        return new PushMessage(row.title(), row.body(), data);
    }
}
