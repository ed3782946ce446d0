package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import market.common.db.Db;
import market.common.db.Row;
import market.common.db.Sql;
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

    /**
     * Live comments of a listing after {@code afterId}, oldest first, at most {@code limit}; without those of
     * users in a block with {@code viewerId} (either way; null = anonymous, sees all).
     */
    public List<Comment> page(long productId, long afterId, int limit, String viewerId) {
        Sql sql = Sql.of(
                "SELECT " + COLUMNS + " FROM product_comment WHERE product_id = ? AND deleted_at IS NULL AND id > ?",
                productId,
                afterId);
        if (viewerId != null) {
            sql.append(
                    " AND author_id NOT IN (SELECT b.blocked_id FROM user_block b WHERE b.blocker_id = ?"
                            + " UNION ALL SELECT b.blocker_id FROM user_block b WHERE b.blocked_id = ?)",
                    viewerId,
                    viewerId);
        }
        return db.list(sql.append(" ORDER BY id LIMIT " + limit), CommentStore::comment);
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
