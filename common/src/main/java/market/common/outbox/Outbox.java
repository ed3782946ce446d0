package market.common.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import market.common.db.Db;
import market.common.db.RowMapper;
import market.common.db.Sql;

/**
 * The transactional outbox both senders use (product's events to notify, notify's pushes to FCM). Rows are
 * written in the transaction of the change they announce; a relay then {@linkplain #claim claims} due rows with
 * a lease — {@code FOR UPDATE SKIP LOCKED}, so relays on other replicas take other rows, and the lease (the
 * row's next attempt moved past the send) hides them until the send is over; a relay that dies mid-send only
 * delays its rows to the lease end. Each claim counts as an attempt. A sent row is {@linkplain #delivered
 * delivered}; a failed one is {@linkplain #retry retried} after exponential {@link Backoff} or, when the
 * receiver refused it for good or attempts ran out, set aside as a {@linkplain #dead dead letter} (kept with
 * its error, never sent again). Finished rows are {@linkplain #purge purged} after a retention.
 *
 * <p>Every write after a claim names the attempt that claim counted and changes the row only while it is still
 * pending at that attempt. A relay whose send outlived its lease (FCM or notify slow for minutes) may find its
 * row claimed again by another round or replica; its late outcome then changes nothing and reports so
 * ({@code false}, or the id left out), so what the row's outcome moves — a notice's statistics — is counted
 * once, by the claim that holds the row. The row itself may have gone out twice (at least once).
 *
 * <p>Times come from the given clock (the application's), not the database's: with clocks kept by NTP the
 * difference is far below the lease and the backoff, and a test can move time.
 *
 * <p>The methods run in the caller's transaction when there is one (so a push's outcome and the statistics
 * it moves commit together), else each statement on its own.
 */
public final class Outbox {

    private final Db db;
    private final OutboxTable table;
    private final Clock clock;

    public Outbox(Db db, OutboxTable table, Clock clock) {
        this.db = db;
        this.table = table;
        this.clock = clock;
    }

    /**
     * Takes up to {@code limit} due rows, counts the attempt and leases them for {@code lease}; returns them in
     * the table's claim order, read with {@code mapper} from {@code columns} (the row as it is after the claim:
     * {@code attempts} includes this one).
     */
    public <T> List<T> claim(int limit, Duration lease, String columns, RowMapper<T> mapper) {
        Instant now = clock.instant();
        String t = table.name;
        // The due time is taken before the lease overwrites it, so the batch keeps the order it was due in.
        return db.list(
                Sql.of(
                        "WITH due AS (SELECT id, next_attempt_at AS due_at FROM " + t + " WHERE " + table.pending
                                + " AND next_attempt_at <= ? ORDER BY " + table.order
                                + " LIMIT ? FOR UPDATE SKIP LOCKED),"
                                + " claimed AS (UPDATE " + t + " o SET attempts = o.attempts + 1, next_attempt_at = ?"
                                + " FROM due WHERE o.id = due.id RETURNING o.*, due.due_at)"
                                + " SELECT " + columns + " FROM claimed ORDER BY " + table.claimOrder,
                        now,
                        limit,
                        now.plus(lease)),
                mapper);
    }

    /** Sent at its {@code attempts}-th claim: finished, never claimed again; false if that claim no longer holds it. */
    public boolean delivered(long id, int attempts) {
        return db.update(
                        "UPDATE " + table.name + " SET " + table.delivered + heldByClaim(),
                        clock.instant(),
                        id,
                        attempts)
                == 1;
    }

    /**
     * Sent, several at once (one statement; {@code attempts[i]} is the claim of {@code ids[i]}): finished, never
     * claimed again. Returns the ids it finished — those whose claim still held them.
     */
    public Set<Long> delivered(long[] ids, int[] attempts) {
        if (ids.length != attempts.length) {
            throw new IllegalArgumentException("one attempt per id");
        }
        if (ids.length == 0) {
            return Set.of();
        }
        return new HashSet<>(db.list(
                Sql.of(
                        "UPDATE " + table.name + " SET " + table.delivered
                                + " FROM unnest(?::bigint[], ?::int[]) AS claim(claimed_id, claimed_attempt)"
                                + " WHERE id = claim.claimed_id AND attempts = claim.claimed_attempt AND "
                                + table.pending + " RETURNING id",
                        clock.instant(),
                        ids,
                        attempts),
                r -> r.getLong("id")));
    }

    /**
     * Refused for good (or attempts ran out) at its {@code attempts}-th claim: finished with its error, never sent
     * again; false if that claim no longer holds it.
     */
    public boolean dead(long id, int attempts, String error) {
        return db.update(
                        "UPDATE " + table.name + " SET " + table.dead + ", last_error = ?" + heldByClaim(),
                        clock.instant(),
                        truncate(error),
                        id,
                        attempts)
                == 1;
    }

    /**
     * Failed its {@code attempts}-th attempt: due again after the backoff, or a dead letter when the attempts
     * ran out. {@code change} (may be null) sets more columns in the same statement (e.g. the tokens still to
     * send to).
     */
    public Retried retry(long id, int attempts, String error, Backoff backoff, Sql change) {
        if (backoff.exhausted(attempts)) {
            return dead(id, attempts, error) ? Retried.GIVEN_UP : Retried.STALE;
        }
        return later(id, attempts, clock.instant().plus(backoff.after(attempts)), error, change)
                ? Retried.LATER
                : Retried.STALE;
    }

    /**
     * Due again at {@code at} after its {@code attempts}-th claim (also a hold, e.g. an ad kept until morning:
     * its claim stays counted, so {@code attempts} only ever grows and an older claim can never pass for a newer
     * one); false if that claim no longer holds it.
     */
    public boolean later(long id, int attempts, Instant at, String error, Sql change) {
        Sql sql = Sql.of("UPDATE " + table.name + " SET next_attempt_at = ?, last_error = ?", at, truncate(error));
        if (change != null) {
            sql.append(", ").append(change);
        }
        return db.update(sql.append(heldByClaim(), id, attempts)) == 1;
    }

    /** The condition of a write after a claim (parameters: id, the claim's attempts): the claim still holds the row. */
    private String heldByClaim() {
        return " WHERE id = ? AND attempts = ? AND " + table.pending;
    }

    /** Deletes rows finished before {@code retention} ago; returns how many. */
    public int purge(Duration retention) {
        return db.update(
                "DELETE FROM " + table.name + " WHERE " + table.finishedBefore,
                clock.instant().minus(retention));
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
