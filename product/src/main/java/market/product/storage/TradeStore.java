package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import market.common.db.Db;
import market.common.db.Row;

/**
 * A listing's one trade (its first sale to a named buyer, which reviews belong to) and the chat rooms opened on
 * it, whose buyers are the ones a sale may name.
 */
@ApplicationScoped
public class TradeStore {

    /** The two parties of a listing's trade. */
    public record Parties(String sellerId, String buyerId) {}

    private final Db db;

    public TradeStore(Db db) {
        this.db = db;
    }

    /**
     * Records a room chat reports (idempotent per room; a room recorded before buyers were reported learns its
     * buyer). True when the room is new to the listing.
     */
    public boolean recordChat(long productId, long roomId, String buyerId) {
        return db.list("""
                INSERT INTO product_chat (product_id, room_id, buyer_id) VALUES (?, ?, ?)
                ON CONFLICT (product_id, room_id) DO UPDATE SET buyer_id = EXCLUDED.buyer_id
                WHERE product_chat.buyer_id IS NULL
                RETURNING (xmax = 0) AS inserted""", r -> r.getBoolean("inserted"), productId, roomId, buyerId).stream()
                .findFirst()
                .orElse(false);
    }

    /** Whether {@code buyerId} opened a chat about the listing. */
    public boolean chatted(long productId, String buyerId) {
        return !db.list(
                        "SELECT 1 AS one FROM product_chat WHERE product_id = ? AND buyer_id = ? LIMIT 1",
                        r -> true,
                        productId,
                        buyerId)
                .isEmpty();
    }

    public Optional<Parties> parties(long productId) {
        return db.optional(
                "SELECT seller_id, buyer_id FROM trade WHERE product_id = ?", TradeStore::parties, productId);
    }

    private static Parties parties(Row r) throws SQLException {
        return new Parties(r.string("seller_id"), r.string("buyer_id"));
    }

    /** Whether the listing's trade is with {@code buyerId}. */
    public boolean isWith(long productId, String buyerId) {
        return !db.list(
                        "SELECT 1 AS one FROM trade WHERE product_id = ? AND buyer_id = ?",
                        r -> true,
                        productId,
                        buyerId)
                .isEmpty();
    }

    /** The sale to {@code buyerId} is the listing's trade (a corrected buyer replaces the one named before). */
    public void recordSale(long productId, String sellerId, String buyerId, OffsetDateTime completedAt) {
        db.update("""
                INSERT INTO trade (product_id, seller_id, buyer_id, completed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (product_id) DO UPDATE SET buyer_id = EXCLUDED.buyer_id,
                    completed_at = EXCLUDED.completed_at
                WHERE trade.buyer_id <> EXCLUDED.buyer_id""", productId, sellerId, buyerId, completedAt);
    }

    /** An undone sale: the listing has no trade. */
    public void forget(long productId) {
        db.update("DELETE FROM trade WHERE product_id = ?", productId);
    }
}
