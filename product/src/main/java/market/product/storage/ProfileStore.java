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

    /** The profile columns of {@code u} and the 동 name of its region {@code r} (LEFT JOIN region r ON ...). */
    private static final String COLUMNS = "u.id, u.nickname, r.dong AS region, u.region_code, u.region_verified_at,"
            + " u.region_range, u.manner_temperature, u.created_at, u.updated_at, u.version";

    private static final String FROM = " FROM user_profile u LEFT JOIN region r ON r.code = u.region_code";

    private final Db db;

    public ProfileStore(Db db) {
        this.db = db;
    }

    private static Profile profile(Row r) throws SQLException {
        return new Profile(
                r.string("id"),
                r.string("nickname"),
                r.string("region"),
                r.string("region_code"),
                r.time("region_verified_at"),
                r.getInt("region_range"),
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
        return db.optional("SELECT " + COLUMNS + FROM + " WHERE u.id = ?", ProfileStore::profile, id);
    }

    /** Locks the profile row until the transaction ends (serialises one user's changes that check a limit). */
    public void lock(String id) {
        db.list("SELECT id FROM user_profile WHERE id = ? FOR NO KEY UPDATE", r -> r.string("id"), id);
    }

    // = ANY of an array: one statement text whatever the number of ids, so it is prepared once (an IN-list of
    // varying length would be a new statement each time).
    public List<Profile> byIds(String[] ids) {
        return db.list("SELECT " + COLUMNS + FROM + " WHERE u.id = ANY(?)", ProfileStore::profile, ids);
    }

    /**
     * Nickname, 동네 and range, if the row still has {@code version}. A changed 동네 loses its verification (the
     * user must prove being in the new one).
     */
    public Optional<Profile> update(
            String id, String nickname, String regionCode, int range, OffsetDateTime updatedAt, int version) {
        return db.optional(
                "WITH u AS (UPDATE user_profile SET nickname = ?, region_code = ?, region_range = ?,"
                        + " region_verified_at = CASE WHEN region_code IS NOT DISTINCT FROM ? THEN region_verified_at END,"
                        + " updated_at = ?, version = version + 1 WHERE id = ? AND version = ? RETURNING *)"
                        + " SELECT " + COLUMNS + " FROM u LEFT JOIN region r ON r.code = u.region_code",
                ProfileStore::profile,
                nickname,
                regionCode,
                range,
                regionCode,
                updatedAt,
                id,
                version);
    }

    /** Records 동네 인증 of {@code regionCode} (which becomes the 동네) at {@code at}; the position is not stored. */
    public Optional<Profile> verifyRegion(String id, String regionCode, OffsetDateTime at) {
        return db.optional(
                "WITH u AS (UPDATE user_profile SET region_code = ?, region_verified_at = ?, updated_at = ?,"
                        + " version = version + 1 WHERE id = ? RETURNING *)"
                        + " SELECT " + COLUMNS + " FROM u LEFT JOIN region r ON r.code = u.region_code",
                ProfileStore::profile,
                regionCode,
                at,
                at,
                id);
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
