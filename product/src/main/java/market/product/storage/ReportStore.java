package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import market.common.db.Db;
import market.common.db.Row;
import market.common.db.Sql;
import market.product.domain.Report;
import market.product.domain.ReportReason;
import market.product.domain.ReportStatus;
import market.product.domain.ReportTarget;

/** Users' reports, the admins' queue of them, and closing every open report of a target at once. */
@ApplicationScoped
public class ReportStore {

    private static final String COLUMNS = "id, reporter_id, target_type, target_id, target_owner, target_summary,"
            + " reason, text, status, created_at, resolved_at";

    private final Db db;

    public ReportStore(Db db) {
        this.db = db;
    }

    private static Report report(Row r) throws SQLException {
        return new Report(
                r.getLong("id"),
                r.string("reporter_id"),
                r.enumValue("target_type", ReportTarget.class),
                r.string("target_id"),
                r.string("target_owner"),
                r.string("target_summary"),
                r.enumValue("reason", ReportReason.class),
                r.string("text"),
                r.enumValue("status", ReportStatus.class),
                r.time("created_at"),
                r.time("resolved_at"),
                r.has("on_target") ? r.getInt("on_target") : 0);
    }

    /**
     * A new open report, or empty when the reporter already has an open one on this target (the partial unique
     * index decides, also between two racing reports).
     */
    public Optional<Report> insert(
            String reporterId,
            ReportTarget targetType,
            String targetId,
            String targetOwner,
            String targetSummary,
            ReportReason reason,
            String text,
            OffsetDateTime now) {
        return db.optional(
                "INSERT INTO report (reporter_id, target_type, target_id, target_owner, target_summary, reason, text,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (reporter_id, target_type, target_id) WHERE status = 'OPEN' DO NOTHING"
                        + " RETURNING " + COLUMNS,
                ReportStore::report,
                reporterId,
                targetType,
                targetId,
                targetOwner,
                targetSummary,
                reason,
                text,
                now);
    }

    /** The reporter's open report on a target. */
    public Optional<Report> openOf(String reporterId, ReportTarget targetType, String targetId) {
        return db.optional(
                "SELECT " + COLUMNS + " FROM report WHERE reporter_id = ? AND target_type = ? AND target_id = ?"
                        + " AND status = 'OPEN'",
                ReportStore::report,
                reporterId,
                targetType,
                targetId);
    }

    public Optional<Report> find(long id) {
        return db.optional("SELECT " + COLUMNS + " FROM report WHERE id = ?", ReportStore::report, id);
    }

    /**
     * Locks the open reports of a target in id order until the transaction ends. Two admins acting on reports of
     * the same target take the locks in the same order (no deadlock); the second sees what the first left open,
     * re-checked after the wait, which is nothing.
     */
    public List<Report> lockOpenOn(ReportTarget targetType, String targetId) {
        return db.list(
                "SELECT " + COLUMNS + " FROM report WHERE target_type = ? AND target_id = ? AND status = 'OPEN'"
                        + " ORDER BY id FOR UPDATE",
                ReportStore::report,
                targetType,
                targetId);
    }

    /** Closes the given reports with the action's outcome. */
    public void close(long[] ids, ReportStatus status, long actionId, OffsetDateTime at) {
        db.update(
                "UPDATE report SET status = ?, resolved_at = ?, action_id = ? WHERE id = ANY(?)",
                status,
                at,
                actionId,
                ids);
    }

    /**
     * One page of the queue in a status, newest first (keyset on id), each with the number of reports (of any
     * status) on the same target.
     */
    public List<Report> page(ReportStatus status, Long beforeId, int limit) {
        Sql sql = Sql.of(
                "SELECT " + COLUMNS + ", (SELECT count(*) FROM report o WHERE o.target_type = r.target_type"
                        + " AND o.target_id = r.target_id) AS on_target FROM report r WHERE status = ?",
                status);
        if (beforeId != null) {
            sql.append(" AND id < ?", beforeId);
        }
        sql.append(" ORDER BY id DESC LIMIT ?", limit);
        return db.list(sql, ReportStore::report);
    }
}
