package market.notify.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import market.common.db.Db;
import market.common.db.Row;
import market.notify.domain.NotificationSettings;

/** notification_settings: one row per user notify knows, with their choices (the inbox's columns are InboxStore's). */
@ApplicationScoped
public class SettingsStore {

    private static final String COLUMNS = """
            user_id, chat, activity, keywords, marketing, marketing_night, marketing_consented_at,
            marketing_night_at, updated_at, version""";

    private final Db db;

    public SettingsStore(Db db) {
        this.db = db;
    }

    /** Makes the user known with the defaults, unless they are known already. */
    public void addIfAbsent(String userId, OffsetDateTime joinedAt, OffsetDateTime now) {
        db.update("""
                INSERT INTO notification_settings (user_id, joined_at, updated_at) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""", userId, joinedAt, now);
    }

    /** Broadcasts from {@code joinedAt} on reach the user; an earlier join time is kept. */
    public void joinedNoLaterThan(String userId, OffsetDateTime joinedAt) {
        db.update(
                "UPDATE notification_settings SET joined_at = ? WHERE user_id = ? AND joined_at > ?",
                joinedAt,
                userId,
                joinedAt);
    }

    public Optional<NotificationSettings> find(String userId) {
        return db.optional(
                "SELECT " + COLUMNS + " FROM notification_settings WHERE user_id = ?", SettingsStore::settings, userId);
    }

    /**
     * Writes the choices of {@code s} if the row is still at {@code s.version()} (optimistic locking: a
     * concurrent change wins and this one finds nothing), raising the version; the settings now, or empty.
     */
    public Optional<NotificationSettings> update(NotificationSettings s) {
        return db.optional(
                """
                UPDATE notification_settings SET chat = ?, activity = ?, keywords = ?, marketing = ?,
                       marketing_night = ?, marketing_consented_at = ?, marketing_night_at = ?, updated_at = ?,
                       version = version + 1
                 WHERE user_id = ? AND version = ? RETURNING\s""" + COLUMNS,
                SettingsStore::settings,
                s.chat(),
                s.activity(),
                s.keywords(),
                s.marketing(),
                s.marketingNight(),
                s.marketingConsentedAt(),
                s.marketingNightAt(),
                s.updatedAt(),
                s.userId(),
                s.version());
    }

    private static NotificationSettings settings(Row r) throws SQLException {
        return new NotificationSettings(
                r.string("user_id"),
                r.getBoolean("chat"),
                r.getBoolean("activity"),
                r.getBoolean("keywords"),
                r.getBoolean("marketing"),
                r.getBoolean("marketing_night"),
                r.time("marketing_consented_at"),
                r.time("marketing_night_at"),
                r.time("updated_at"),
                r.getInt("version"));
    }
}
