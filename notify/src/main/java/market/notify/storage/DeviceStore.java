package market.notify.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import market.common.db.Db;
import market.common.db.Row;
import market.notify.domain.Device;
import market.notify.domain.Platform;

/** device: push tokens, each bound to one user at a time. */
@ApplicationScoped
public class DeviceStore {

    /** Whose a token is and whether it is in the ads topic, read under the row's lock. */
    public record Holder(String userId, boolean ads) {}

    /** A device token of a user, and whether it is subscribed to the ads topic. */
    public record Token(String token, boolean ads) {}

    private final Db db;

    public DeviceStore(Db db) {
        this.db = db;
    }

    /** Adds the token unless it is registered already (to anyone); whether it was added. */
    public boolean addIfAbsent(String token, String userId, Platform platform, boolean ads, OffsetDateTime now) {
        return db.update("""
                        INSERT INTO device (token, user_id, platform, ads, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (token) DO NOTHING""", token, userId, platform, ads, now, now) == 1;
    }

    /** The token's holder, locking the row until the transaction ends. */
    public Holder lock(String token) {
        return db.single("SELECT user_id, ads FROM device WHERE token = ? FOR UPDATE", DeviceStore::holder, token);
    }

    /** The token's holder if it is {@code userId}, locking the row until the transaction ends. */
    public Optional<Holder> lockOwned(String token, String userId) {
        return db.optional(
                "SELECT user_id, ads FROM device WHERE token = ? AND user_id = ? FOR UPDATE",
                DeviceStore::holder,
                token,
                userId);
    }

    /** Binds the token to {@code userId}; a token that {@code moved} from another account counts as new. */
    public void refresh(
            String token, String userId, Platform platform, boolean ads, OffsetDateTime now, boolean moved) {
        db.update("""
                UPDATE device SET user_id = ?, platform = ?, ads = ?, updated_at = ?,
                       created_at = CASE WHEN ? THEN ? ELSE created_at END WHERE token = ?""", userId, platform, ads, now, moved, now, token);
    }

    /** Deletes every device of the user; their tokens and whether each was subscribed to ads. */
    public List<Token> deleteAllOf(String userId) {
        return db.list(
                "DELETE FROM device WHERE user_id = ? RETURNING token, ads",
                r -> new Token(r.string("token"), r.getBoolean("ads")),
                userId);
    }

    public void delete(String token) {
        db.update("DELETE FROM device WHERE token = ?", token);
    }

    /** Sets the ads flag of the user's devices; the tokens whose flag changed. */
    public List<String> setAds(String userId, boolean ads) {
        return db.list(
                "UPDATE device SET ads = ? WHERE user_id = ? AND ads <> ? RETURNING token",
                r -> r.string("token"),
                ads,
                userId,
                ads);
    }

    public Device find(String token) {
        return db.single(
                "SELECT token, platform, ads, created_at, updated_at FROM device WHERE token = ?",
                DeviceStore::device,
                token);
    }

    private static Holder holder(Row r) throws SQLException {
        return new Holder(r.string("user_id"), r.getBoolean("ads"));
    }

    private static Device device(Row r) throws SQLException {
        return new Device(
                r.string("token"),
                r.enumValue("platform", Platform.class),
                r.getBoolean("ads"),
                r.time("created_at"),
                r.time("updated_at"));
    }
}
