package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import market.common.db.Db;
import market.common.db.Row;
import market.product.domain.Profile;
import market.product.domain.Rating;

/** User profiles (keyed by the token's subject) and their manner temperature. */
@ApplicationScoped
public class ProfileStore {

    private static final String COLUMNS = "id, nickname, region, manner_temperature, created_at, updated_at, version";

    private final Db db;

    public ProfileStore(Db db) {
        this.db = db;
    }

    private static Profile profile(Row r) throws SQLException {
        return new Profile(
                r.string("id"),
                r.string("nickname"),
                r.string("region"),
                r.decimal("manner_temperature"),
                r.time("created_at"),
                r.time("updated_at"),
                r.getInt("version"));
    }

    /** Creates the profile unless it exists; ON CONFLICT keeps two first calls racing each other from failing. */
    public void createIfMissing(String id, String nickname) {
        db.update("INSERT INTO user_profile (id, nickname) VALUES (?, ?) ON CONFLICT (id) DO NOTHING", id, nickname);
    }

    public Optional<Profile> find(String id) {
        return db.optional("SELECT " + COLUMNS + " FROM user_profile WHERE id = ?", ProfileStore::profile, id);
    }

    /** Locks the profile row until the transaction ends (serialises one user's changes that check a limit). */
    public void lock(String id) {
        db.list("SELECT id FROM user_profile WHERE id = ? FOR NO KEY UPDATE", r -> r.string("id"), id);
    }

    // = ANY of an array: one statement text whatever the number of ids, so it is prepared once (an IN-list of
    // varying length would be a new statement each time).
    public List<Profile> byIds(String[] ids) {
        return db.list("SELECT " + COLUMNS + " FROM user_profile WHERE id = ANY(?)", ProfileStore::profile, ids);
    }

    /** Nickname and region, if the row still has {@code version}. */
    public Optional<Profile> update(String id, String nickname, String region, OffsetDateTime updatedAt, int version) {
        return db.optional(
                "UPDATE user_profile SET nickname = ?, region = ?, updated_at = ?, version = version + 1"
                        + " WHERE id = ? AND version = ? RETURNING " + COLUMNS,
                ProfileStore::profile,
                nickname,
                region,
                updatedAt,
                id,
                version);
    }

    /**
     * Records a suspension (moderation), keeping the first one's time; a user who never opened their profile gets
     * one with the default nickname.
     */
    public void suspend(String id, String defaultNickname, OffsetDateTime at) {
        db.update(
                "INSERT INTO user_profile (id, nickname, suspended_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET suspended_at = coalesce(user_profile.suspended_at, EXCLUDED.suspended_at)",
                id,
                defaultNickname,
                at);
    }

    /** Whether the user is suspended (a user without a profile is not). */
    public boolean isSuspended(String id) {
        return db.optional(
                        "SELECT 1 AS one FROM user_profile WHERE id = ? AND suspended_at IS NOT NULL",
                        r -> r.getInt("one"),
                        id)
                .isPresent();
    }

    /** Moves the manner temperature by the rating, kept within 0..99 °C, in one statement. */
    public void rate(String id, Rating rating) {
        db.update("""
                UPDATE user_profile SET manner_temperature =
                    least(?, greatest(?, manner_temperature + ?)) WHERE id = ?""", Rating.MAX_TEMPERATURE, Rating.MIN_TEMPERATURE, rating.delta(), id);
    }
}
