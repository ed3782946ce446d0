package market.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import market.common.db.Db;
import market.common.outbox.Backoff;
import market.common.outbox.Retried;
import market.notify.storage.PushOutboxStore;
import market.notify.storage.PushOutboxStore.Pending;
import org.junit.jupiter.api.Test;

/**
 * A relay round whose sends outlived the rows' lease (FCM slow for minutes) settles after another round or
 * replica claimed the same rows again. Its late outcome must not count towards the notice's statistics or change
 * the rows: the claim that holds a row decides it, once. The rows here are due only in an hour, so the live relay
 * leaves them alone, and they carry the attempts two claims counted.
 */
@QuarkusTest
class PushOutboxLeaseTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 30);

    @Inject
    Db db;

    @Inject
    PushOutboxStore store;

    @Test
    void aRoundSettlingAfterItsRowsWereClaimedAgainCountsNothingAndTheNewClaimCountsOnce() {
        long notice = notice();
        long a = row(notice, "a");
        long b = row(notice, "b");
        long c = row(notice, "c");
        long d = row(notice, "d");

        // a and c were sent by the round holding them (attempt 2); b and d by a round that lost them (attempt 1)
        int left = tx(() -> store.finishAll(
                List.of(claim(a, notice, 2), claim(b, notice, 1)),
                Map.of(claim(c, notice, 2), "rejected", claim(d, notice, 1), "rejected")));

        assertEquals(2, left, "the lost claims' rows are reported, not written");
        assertEquals(List.of(1, 1), stats(notice), "sent, failed: the rows still held, once each");
        assertEquals("DONE", status(a));
        assertEquals("FAILED", status(c));
        assertEquals("PENDING", status(b));
        assertEquals("PENDING", status(d));
        assertEquals("SENDING", noticeStatus(notice), "b and d are still on their way");

        // the claims that hold b and d decide them; a repeat of a settled outcome counts nothing
        assertEquals(0, tx(() -> store.finishAll(List.of(claim(b, notice, 2)), Map.of(claim(d, notice, 2), "x"))));
        assertEquals(1, tx(() -> store.finishAll(List.of(claim(a, notice, 2)), Map.of())));
        assertEquals(List.of(2, 2), stats(notice));
        assertEquals("SENT", noticeStatus(notice));
    }

    @Test
    void aLateFailureHoldOrGivingUpLeavesTheRowToTheClaimThatHoldsIt() {
        long notice = notice();
        long row = row(notice, "e");
        String before = state(row);

        Pending lost = claim(row, notice, 1);
        assertEquals(Retried.STALE, tx(() -> store.retry(lost, List.of("tok"), "FCM unavailable", backoff)));
        assertFalse(tx(() -> store.finish(lost, false, "given up")));
        assertFalse(tx(() -> store.finish(lost, true, null)));
        assertFalse(tx(() -> store.hold(lost, Instant.now(), "held until 08:00 KST")));
        Pending exhausted = claim(row, notice, 1);
        Backoff oneAttempt = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1);
        assertEquals(Retried.STALE, tx(() -> store.retry(exhausted, null, "gone", oneAttempt)));
        assertEquals(before, state(row), "nothing of the row changed");
        assertEquals(List.of(0, 0), stats(notice));

        // the holding claim's failure is written: due again after the backoff, with the devices left
        assertEquals(Retried.LATER, tx(() -> store.retry(claim(row, notice, 2), List.of("tok"), "x", backoff)));
        assertEquals(
                "PENDING|2|tok|x",
                db.single(
                        "SELECT status || '|' || attempts || '|' || tokens || '|' || last_error AS s FROM push_outbox"
                                + " WHERE id = ?",
                        r -> r.string("s"),
                        row));
    }

    @Test
    void aHoldKeepsItsClaimCountedSoAnOlderClaimCannotPassForTheOneHoldingTheRow() {
        long notice = notice();
        long row = row(notice, "f");
        assertTrue(tx(() -> store.hold(claim(row, notice, 2), Instant.now().plusSeconds(3600), "held until 08:00")));
        String held = state(row);

        Pending older = claim(row, notice, 1);
        assertEquals(Retried.STALE, tx(() -> store.retry(older, null, "FCM unavailable", backoff)));
        assertFalse(tx(() -> store.finish(older, true, null)));
        assertEquals(held, state(row));
        assertEquals(List.of(0, 0), stats(notice));
    }

    private static <T> T tx(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }

    private long notice() {
        return db.single(
                "INSERT INTO notice (type, title, body, status, created_by, targeted, dispatched, sent_at)"
                        + " VALUES ('NOTICE', 'lease', 'x', 'SENDING', 'admin', 4, true, now()) RETURNING id",
                r -> r.getLong("id"));
    }

    /** A personal push of the notice, claimed twice so far (attempts 2), due again only in an hour. */
    private long row(long notice, String user) {
        return db.single(
                "INSERT INTO push_outbox (kind, user_id, title, body, data, notice_id, attempts, next_attempt_at,"
                        + " created_at) VALUES ('USER', ?, 'lease', 'x', '{}', ?, 2, now() + interval '1 hour', now())"
                        + " RETURNING id",
                r -> r.getLong("id"),
                Api.unique(user),
                notice);
    }

    private static Pending claim(long id, long notice, int attempts) {
        return new Pending(id, "USER", null, "u", null, "lease", "x", Map.of(), false, notice, 1, attempts);
    }

    private List<Integer> stats(long notice) {
        return db.single(
                "SELECT sent, failed FROM notice WHERE id = ?",
                r -> List.of(r.getInt("sent"), r.getInt("failed")),
                notice);
    }

    private String status(long row) {
        return db.single("SELECT status FROM push_outbox WHERE id = ?", r -> r.string("status"), row);
    }

    private String noticeStatus(long notice) {
        return db.single("SELECT status FROM notice WHERE id = ?", r -> r.string("status"), notice);
    }

    private String state(long row) {
        String s = db.single(
                "SELECT concat_ws('|', status, attempts, next_attempt_at, tokens, last_error, done_at) AS s"
                        + " FROM push_outbox WHERE id = ?",
                r -> r.string("s"),
                row);
        assertTrue(s.startsWith("PENDING|2|"), s);
        return s;
    }
}
