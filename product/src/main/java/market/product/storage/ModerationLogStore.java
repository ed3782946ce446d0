package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import market.common.db.Db;
import market.common.db.Row;
import market.common.db.Sql;
import market.product.domain.ModerationAction;
import market.product.domain.ModerationEntry;
import market.product.domain.ReportTarget;

/** moderation_action: every admin action on a reported target, kept for the log. */
@ApplicationScoped
public class ModerationLogStore {

    private static final String COLUMNS = "id, admin_id, action, target_type, target_id, report_id, note, created_at";

    private final Db db;

    public ModerationLogStore(Db db) {
        this.db = db;
    }

    private static ModerationEntry entry(Row r) throws SQLException {
        return new ModerationEntry(
                r.getLong("id"),
                r.string("admin_id"),
                r.enumValue("action", ModerationAction.class),
                r.enumValue("target_type", ReportTarget.class),
                r.string("target_id"),
                r.nullableLong("report_id"),
                r.string("note"),
                r.time("created_at"));
    }

    public ModerationEntry record(
            String adminId,
            ModerationAction action,
            ReportTarget targetType,
            String targetId,
            long reportId,
            String note,
            OffsetDateTime at) {
        return db.single(
                "INSERT INTO moderation_action (admin_id, action, target_type, target_id, report_id, note, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS,
                ModerationLogStore::entry,
                adminId,
                action,
                targetType,
                targetId,
                reportId,
                note,
                at);
    }

    /** Newest first, keyset on id. */
    public List<ModerationEntry> page(Long beforeId, int limit) {
        Sql sql = Sql.of("SELECT " + COLUMNS + " FROM moderation_action");
        if (beforeId != null) {
            sql.append(" WHERE id < ?", beforeId);
        }
        sql.append(" ORDER BY id DESC LIMIT ?", limit);
        return db.list(sql, ModerationLogStore::entry);
    }
}
