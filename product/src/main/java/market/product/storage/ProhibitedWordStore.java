package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import market.common.db.Db;
import market.common.db.Row;
import market.product.domain.ProhibitedWord;

/** prohibited_word: the words listings may not contain, stored folded (as compared) with what the admin typed. */
@ApplicationScoped
public class ProhibitedWordStore {

    private static final String COLUMNS = "id, word, display, created_at";

    private final Db db;

    public ProhibitedWordStore(Db db) {
        this.db = db;
    }

    private static ProhibitedWord word(Row r) throws SQLException {
        return new ProhibitedWord(r.getLong("id"), r.string("word"), r.string("display"), r.time("created_at"));
    }

    /** All of them, oldest first. */
    public List<ProhibitedWord> all() {
        return db.list("SELECT " + COLUMNS + " FROM prohibited_word ORDER BY id", ProhibitedWordStore::word);
    }

    public long count() {
        return db.single("SELECT count(*) AS n FROM prohibited_word", r -> r.getLong("n"));
    }

    /** The new word, or empty when its folded form is already listed. */
    public Optional<ProhibitedWord> insert(String word, String display, String adminId, OffsetDateTime at) {
        return db.optional(
                "INSERT INTO prohibited_word (word, display, created_by, created_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (word) DO NOTHING RETURNING " + COLUMNS,
                ProhibitedWordStore::word,
                word,
                display,
                adminId,
                at);
    }

    public boolean delete(long id) {
        return db.update("DELETE FROM prohibited_word WHERE id = ?", id) == 1;
    }
}
