package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import market.common.db.Db;
import market.common.db.Row;
import market.product.domain.Comment;

/** Comments on listings; a deleted comment keeps its row with deleted_at set. */
@ApplicationScoped
public class CommentStore {

    private static final String COLUMNS = "id, product_id, author_id, content, created_at, deleted_at";

    private final Db db;

    public CommentStore(Db db) {
        this.db = db;
    }

    private static Comment comment(Row r) throws SQLException {
        return new Comment(
                r.getLong("id"),
                r.getLong("product_id"),
                r.string("author_id"),
                r.string("content"),
                r.time("created_at"),
                r.time("deleted_at"));
    }

    public Comment insert(long productId, String authorId, String content, OffsetDateTime createdAt) {
        return db.single(
                "INSERT INTO product_comment (product_id, author_id, content, created_at) VALUES (?, ?, ?, ?)"
                        + " RETURNING " + COLUMNS,
                CommentStore::comment,
                productId,
                authorId,
                content,
                createdAt);
    }

    /** Live comments of a listing after {@code afterId}, oldest first, at most {@code limit}. */
    public List<Comment> page(long productId, long afterId, int limit) {
        return db.list(
                "SELECT " + COLUMNS + " FROM product_comment WHERE product_id = ? AND deleted_at IS NULL AND id > ?"
                        + " ORDER BY id LIMIT ?",
                CommentStore::comment,
                productId,
                afterId,
                limit);
    }

    /** The comment, deleted or not. */
    public Optional<Comment> find(long id) {
        return db.optional("SELECT " + COLUMNS + " FROM product_comment WHERE id = ?", CommentStore::comment, id);
    }

    /** The comment, deleted or not, its row locked until the transaction ends. */
    public Optional<Comment> lock(long id) {
        return db.optional(
                "SELECT " + COLUMNS + " FROM product_comment WHERE id = ? FOR NO KEY UPDATE",
                CommentStore::comment,
                id);
    }

    public void softDelete(long id, OffsetDateTime deletedAt) {
        db.update("UPDATE product_comment SET deleted_at = ? WHERE id = ?", deletedAt, id);
    }
}
