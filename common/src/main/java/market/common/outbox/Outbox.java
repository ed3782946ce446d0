package market.common.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    /** Sent: finished, never claimed again. */
    public void delivered(long id) {
        db.update("UPDATE " + table.name + " SET " + table.delivered + " WHERE id = ?", clock.instant(), id);
    }

    /** Sent, several at once (one statement): finished, never claimed again. */
    public void delivered(long[] ids) {
        if (ids.length > 0) {
            db.update("UPDATE " + table.name + " SET " + table.delivered + " WHERE id = ANY(?)", clock.instant(), ids);
        }
    }

    /** Refused for good (or attempts ran out): finished with its error, never sent again. */
    public void dead(long id, String error) {
        db.update(
                "UPDATE " + table.name + " SET " + table.dead + ", last_error = ? WHERE id = ?",
                clock.instant(),
                truncate(error),
                id);
    }

    /**
     * Failed its {@code attempts}-th attempt: due again after the backoff, or a dead letter when the attempts
     * ran out. {@code change} (may be null) sets more columns in the same statement (e.g. the tokens still to
     * send to). Returns whether the row was given up.
     */
    public boolean retry(long id, int attempts, String error, Backoff backoff, Sql change) {
        if (backoff.exhausted(attempts)) {
            dead(id, error);
            return true;
        }
        later(id, clock.instant().plus(backoff.after(attempts)), error, true, change);
        return false;
    }

    /**
     * Due again at {@code at}. {@code countAttempt=false} gives back the attempt the claim counted (a hold,
     * e.g. an ad kept until morning, is no failure).
     */
    public void later(long id, Instant at, String error, boolean countAttempt, Sql change) {
        Sql sql = Sql.of("UPDATE " + table.name + " SET next_attempt_at = ?, last_error = ?", at, truncate(error));
        if (!countAttempt) {
            sql.append(", attempts = attempts - 1");
        }
        if (change != null) {
            sql.append(", ").append(change);
        }
        db.update(sql.append(" WHERE id = ?", id));
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
