package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import market.common.db.Db;
import market.common.db.Row;
import market.product.domain.KeywordAlert;

/** 키워드 알림 rows, and who is watching for a new listing. */
@ApplicationScoped
public class KeywordStore {

    private static final String COLUMNS = "id, user_id, keyword, created_at";

    /** A user to tell about a new listing, with the keyword of theirs it matched. */
    /** A user with a keyword a new listing's title contains, and the 동네 and range their alerts reach. */
    public record Watcher(String userId, String keyword, String regionCode, int range) {}

    private final Db db;

    public KeywordStore(Db db) {
        this.db = db;
    }

    private static KeywordAlert keyword(Row r) throws SQLException {
        return new KeywordAlert(r.getLong("id"), r.string("user_id"), r.string("keyword"), r.time("created_at"));
    }

    private static Watcher watcher(Row r) throws SQLException {
        return new Watcher(r.string("user_id"), r.string("keyword"), r.string("region_code"), r.getInt("region_range"));
    }

    /** The user's keywords, oldest first. */
    public List<KeywordAlert> of(String userId) {
        return db.list(
                "SELECT " + COLUMNS + " FROM keyword_alert WHERE user_id = ? ORDER BY id",
                KeywordStore::keyword,
                userId);
    }

    public KeywordAlert insert(String userId, String keyword, OffsetDateTime createdAt) {
        return db.single(
                "INSERT INTO keyword_alert (user_id, keyword, created_at) VALUES (?, ?, ?) RETURNING " + COLUMNS,
                KeywordStore::keyword,
                userId,
                keyword,
                createdAt);
    }

    public Optional<KeywordAlert> find(long id) {
        return db.optional("SELECT " + COLUMNS + " FROM keyword_alert WHERE id = ?", KeywordStore::keyword, id);
    }

    /** True when the row was there to delete. */
    public boolean delete(long id) {
        return db.update("DELETE FROM keyword_alert WHERE id = ?", id) == 1;
    }

    /**
     * Users whose 동네 is one of {@code regionCodes} (other than the seller) with a keyword the title contains, each
     * once with their oldest such keyword; the caller keeps those whose own range reaches the listing.
     */
    public List<Watcher> watchers(String[] regionCodes, String sellerId, String title) {
        return db.list("""
                SELECT DISTINCT ON (k.user_id) k.user_id, k.keyword, u.region_code, u.region_range
                FROM keyword_alert k JOIN user_profile u ON u.id = k.user_id
                WHERE u.region_code = ANY(?) AND k.user_id <> ? AND strpos(lower(?), lower(k.keyword)) > 0
                ORDER BY k.user_id, k.id""", KeywordStore::watcher, regionCodes, sellerId, title);
    }
}
