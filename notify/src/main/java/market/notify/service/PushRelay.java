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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import market.common.outbox.Backoff;
import market.common.outbox.Drain;
import market.common.outbox.Retried;
import market.notify.config.NotifyConfig;
import market.notify.domain.AdRules;
import market.notify.push.FcmGateway;
import market.notify.push.PushException;
import market.notify.push.PushMessage;
import market.notify.push.PushSender;
import market.notify.push.TokenResult;
import market.notify.storage.PushOutboxStore;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Delivers push_outbox rows to FCM: on a timer, and right after a commit that added rows; a drain goes on
 * round after round while rounds come back full. Personal pushes (USER rows, one per recipient) are sent
 * without waiting: a round claims up to {@code batch-size} rows, reads their devices and consent in one query
 * each, and hands the (device, message) pairs to FCM in calls of up to 500, at most {@code max-in-flight}
 * messages at once; the next round is claimed while they are on their way (at most {@value #ROUNDS_IN_FLIGHT}
 * rounds unfinished). When all of a round's calls are answered its outcomes are written together: delivered
 * rows, dead tokens forgotten, the notices' statistics; devices FCM could not reach are retried with
 * exponential backoff until they succeed or the row runs out of attempts. A relay that dies mid-round leaves its
 * rows leased: they go out again after the lease (at least once). A round that outlives its lease (FCM slow for
 * minutes) starts no more calls (personal, topic or subscription) in its last {@code SEND_BEFORE_LEASE_END},
 * and its late outcomes change nothing for rows another claim has taken over (the notices' statistics count each
 * row once). Topic sends and topic subscriptions go one at a time.
 */
@ApplicationScoped
public class PushRelay {

    private static final Logger LOG = Logger.getLogger(PushRelay.class);
    /** FCM accepts at most 500 messages per call. */
    private static final int MULTICAST_LIMIT = PushSender.BATCH_LIMIT;
    /** Rounds whose sends may be on their way while the next one is claimed. */
    static final int ROUNDS_IN_FLIGHT = 4;

    private static final Duration LEASE = Duration.ofMinutes(2);
    /**
     * A call is not started later than this before its rows' lease ends: by then another round or replica may
     * claim them, and the device would get the push twice.
     */
    private static final Duration SEND_BEFORE_LEASE_END = Duration.ofSeconds(30);

    private final PushOutboxStore store;
    private final FcmGateway fcm;
    private final Clock clock;
    private final NotifyConfig.Relay config;
    private final Backoff backoff;
    private final Drain drain;
    private final Semaphore sending;
    private final Semaphore rounds = new Semaphore(ROUNDS_IN_FLIGHT);

    public PushRelay(PushOutboxStore store, FcmGateway fcm, Clock clock, NotifyConfig config) {
        this.store = store;
        this.fcm = fcm;
        this.clock = clock;
        this.config = config.relay();
        this.backoff = new Backoff(this.config.backoffBase(), this.config.backoffMax(), this.config.maxAttempts());
        this.drain = new Drain("Push relay", this::round, this.config.batchSize());
        this.sending = new Semaphore(Math.max(MULTICAST_LIMIT, this.config.maxInFlight()));
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
        try {
            rounds.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        List<PushOutboxStore.Pending> rows;
        Instant sendBy = clock.instant().plus(LEASE).minus(SEND_BEFORE_LEASE_END);
        try {
            rows = store.claim(config.batchSize(), LEASE);
        } catch (RuntimeException e) {
            rounds.release();
            throw e;
        }
        List<PushOutboxStore.Pending> users = new ArrayList<>();
        for (PushOutboxStore.Pending row : rows) {
            if (drain.stopping()) {
                break;
            }
            if ("USER".equals(row.kind())) {
                users.add(row);
                continue;
            }
            if (clock.instant().isAfter(sendBy)) {
                // the rows before took so long that the lease is nearly over (see SEND_BEFORE_LEASE_END)
                retryLater(row, null, "the round's lease ran out before this row could be sent");
                continue;
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
        Round round = new Round(sendBy);
        try {
            sendToUsers(users, round);
        } finally {
            round.dispatched();
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
            case "SUBSCRIBE", "UNSUBSCRIBE" -> manageTopic(row, "SUBSCRIBE".equals(row.kind()));
            default -> throw new IllegalStateException("Unknown outbox kind " + row.kind());
        }
    }

    /**
     * Personal pushes of one round: consent and devices read for all rows at once, the messages sent in calls of
     * up to 500 without waiting for the answers ({@link Round} collects them).
     */
    private void sendToUsers(List<PushOutboxStore.Pending> rows, Round round) {
        if (rows.isEmpty()) {
            return;
        }
        Map<String, PushOutboxStore.Consent> consent = store.consentOf(rows.stream()
                .filter(PushOutboxStore.Pending::ad)
                .map(PushOutboxStore.Pending::userId)
                .toList());
        boolean night = AdRules.isNight(clock.instant());
        List<PushOutboxStore.Pending> deliverable = new ArrayList<>(rows.size());
        for (PushOutboxStore.Pending row : rows) {
            if (row.ad()) {
                PushOutboxStore.Consent c =
                        consent.getOrDefault(row.userId(), new PushOutboxStore.Consent(false, false));
                if (!c.marketing()) {
                    round.add(row).refused = "marketing consent withdrawn";
                    continue;
                }
                if (!c.night() && night) {
                    holdUntilMorning(row);
                    continue;
                }
            }
            deliverable.add(row);
        }
        Map<String, List<String>> devices = store.tokensOf(
                deliverable.stream().map(PushOutboxStore.Pending::userId).toList());
        List<PushSender.Addressed> chunk = new ArrayList<>(MULTICAST_LIMIT);
        List<Outcome> owners = new ArrayList<>(MULTICAST_LIMIT);
        try {
            chunks(deliverable, devices, round, chunk, owners);
        } catch (RuntimeException e) {
            // What was not handed out yet is retried: with this call's devices, or (rows not reached) after the lease.
            round.failed(owners, chunk, String.valueOf(e));
            throw e;
        }
    }

    private void chunks(
            List<PushOutboxStore.Pending> deliverable,
            Map<String, List<String>> devices,
            Round round,
            List<PushSender.Addressed> chunk,
            List<Outcome> owners) {
        for (PushOutboxStore.Pending row : deliverable) {
            List<String> current = devices.getOrDefault(row.userId(), List.of());
            List<String> targets = row.tokens() == null
                    ? current
                    : row.tokens().stream().filter(current::contains).toList();
            Outcome outcome = round.add(row);
            outcome.targets = targets.size();
            PushMessage message = message(row);
            for (String token : targets) {
                chunk.add(new PushSender.Addressed(token, message));
                owners.add(outcome);
                if (chunk.size() == MULTICAST_LIMIT) {
                    send(List.copyOf(chunk), List.copyOf(owners), round);
                    chunk.clear();
                    owners.clear();
                }
            }
        }
        if (!chunk.isEmpty()) {
            send(List.copyOf(chunk), List.copyOf(owners), round);
            chunk.clear();
            owners.clear();
        }
    }

    /** Hands one call to FCM once fewer than max-in-flight messages are on their way. */
    private void send(List<PushSender.Addressed> chunk, List<Outcome> owners, Round round) {
        if (drain.stopping()) {
            round.failed(owners, chunk, "shutting down");
            return;
        }
        try {
            sending.acquire(chunk.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            round.failed(owners, chunk, "interrupted");
            return;
        }
        if (clock.instant().isAfter(round.sendBy)) {
            // waited so long for FCM that the lease is nearly over: left to the next claim (retried, not sent twice)
            sending.release(chunk.size());
            round.failed(owners, chunk, "the round's lease ran out before this call could be sent");
            return;
        }
        round.sent();
        CompletionStage<List<TokenResult>> answer;
        try {
            answer = fcm.sendEach(chunk);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((results, failure) -> {
            // callDone in finally: a round that never settles would keep its permit, and four such would stop
            // the relay for good
            try {
                sending.release(chunk.size());
                if (failure != null) {
                    round.failed(owners, chunk, describe(failure));
                } else {
                    round.answered(owners, results);
                }
            } catch (RuntimeException e) {
                LOG.errorf(
                        e, "Push relay: an FCM answer could not be read; its %d device(s) are retried", chunk.size());
                round.failed(owners, chunk, String.valueOf(e.getMessage()));
            } finally {
                round.callDone();
            }
        });
    }

    private static String describe(Throwable failure) {
        Throwable t =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return t instanceof CircuitBreakerOpenException ? "FCM circuit open" : String.valueOf(t.getMessage());
    }

    /** What became of one row's devices in this round. */
    private static final class Outcome {
        final PushOutboxStore.Pending row;
        int targets;
        int sent;
        final List<String> retry = new ArrayList<>();
        final List<String> dead = new ArrayList<>();
        String refused;
        String error;

        Outcome(PushOutboxStore.Pending row) {
            this.row = row;
        }
    }

    /**
     * The personal pushes of one round: counts the FCM calls still unanswered and writes every row's outcome once
     * the last one is answered (on a worker thread, not FCM's).
     */
    private final class Round {
        private final List<Outcome> outcomes = new ArrayList<>();
        /** Calls unanswered, plus one until the round has handed out all of them. */
        private final AtomicInteger open = new AtomicInteger(1);
        /** No call of the round starts after this (see {@link #SEND_BEFORE_LEASE_END}). */
        final Instant sendBy;

        Round(Instant sendBy) {
            this.sendBy = sendBy;
        }

        Outcome add(PushOutboxStore.Pending row) {
            Outcome o = new Outcome(row);
            outcomes.add(o);
            return o;
        }

        void sent() {
            open.incrementAndGet();
        }

        synchronized void answered(List<Outcome> owners, List<TokenResult> results) {
            for (int i = 0; i < results.size(); i++) {
                Outcome o = owners.get(i);
                TokenResult r = results.get(i);
                switch (r.outcome()) {
                    case SENT -> o.sent++;
                    case RETRY -> {
                        o.retry.add(r.token());
                        o.error = r.error();
                    }
                    case INVALID_TOKEN -> o.dead.add(r.token());
                    case REJECTED -> LOG.warnf("FCM rejected push %d for a device: %s", o.row.id(), r.error());
                }
            }
        }

        synchronized void failed(List<Outcome> owners, List<PushSender.Addressed> chunk, String error) {
            for (int i = 0; i < chunk.size(); i++) {
                owners.get(i).retry.add(chunk.get(i).token());
                owners.get(i).error = error;
            }
        }

        void callDone() {
            if (open.decrementAndGet() == 0) {
                try {
                    Infrastructure.getDefaultWorkerPool().execute(this::settle);
                } catch (RuntimeException e) {
                    settle(); // the pool refused (shutting down): settle here rather than never
                }
            }
        }

        /** The round has handed out all its calls; settles at once when none are left unanswered. */
        void dispatched() {
            if (open.decrementAndGet() == 0) {
                settle();
            }
        }

        private void settle() {
            try {
                List<PushOutboxStore.Pending> delivered = new ArrayList<>();
                Map<PushOutboxStore.Pending, String> failed = new LinkedHashMap<>();
                List<Outcome> retry = new ArrayList<>();
                List<String> dead = new ArrayList<>();
                synchronized (this) {
                    for (Outcome o : outcomes) {
                        dead.addAll(o.dead);
                        if (o.refused != null) {
                            failed.put(o.row, o.refused);
                        } else if (!o.retry.isEmpty()) {
                            retry.add(o);
                        } else if (o.sent > 0 || o.targets == o.dead.size()) {
                            // A user without devices still got the inbox item: that is delivered, too.
                            delivered.add(o.row);
                        } else {
                            failed.put(o.row, "FCM rejected every device");
                        }
                    }
                }
                if (!dead.isEmpty()) {
                    LOG.infof("Forgot %d device token(s) FCM reported as unregistered or invalid", store.forget(dead));
                }
                if (!delivered.isEmpty() || !failed.isEmpty()) {
                    int stale = QuarkusTransaction.requiringNew().call(() -> store.finishAll(delivered, failed));
                    if (stale > 0) {
                        LOG.warnf(
                                "Push relay: %d row(s) of a round outlived their lease; their newer claims decide them",
                                stale);
                    }
                }
                for (Outcome o : retry) {
                    retryLater(o.row, o.retry, "FCM unavailable for " + o.retry.size() + " device(s): " + o.error);
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not record a push round's outcome; its rows go out again after their lease");
            } finally {
                rounds.release();
            }
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
        Retried retried = QuarkusTransaction.joiningExisting()
                .call(() -> store.retry(row, tokens != null ? tokens : row.tokens(), error, backoff));
        if (retried == Retried.GIVEN_UP) {
            LOG.errorf("Push %d given up after %d attempts: %s", row.id(), row.attempts(), error);
        } else if (retried == Retried.STALE) {
            LOG.warnf(
                    "Push %d: attempt %d outlived its lease; the row's newer claim decides it",
                    row.id(), row.attempts());
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
