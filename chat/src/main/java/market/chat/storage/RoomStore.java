package market.chat.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import market.chat.domain.ProductFacts;
import market.chat.domain.Room;
import market.chat.domain.RoomView;
import market.common.db.Db;
import market.common.db.Row;

/** Rooms in PostgreSQL: who takes part, the product snapshot, the room list and the reports to product. */
@ApplicationScoped
public class RoomStore {

    /** A room product has not acknowledged yet. */
    public record Unreported(long roomId, long productId, String buyerId) {}

    /** The columns {@link #room(Row)} reads, for a query on chat_room alone. */
    private static final String ROOM_COLUMNS =
            "id AS room_id, product_id, seller_id, seller_nickname, buyer_id, buyer_nickname,"
                    + " closed_at IS NOT NULL AS closed";

    /** A room as one participant ({@code ?}, twice) sees it: the last message and their unread count. */
    private static final String VIEW = """
            SELECT r.id AS room_id, r.product_id, r.product_title, r.product_price, r.product_status,
                   r.product_thumbnail_url, r.seller_id, r.seller_nickname, r.buyer_id, r.buyer_nickname, r.updated_at,
                   r.closed_at IS NOT NULL AS closed,
                   m.id AS last_message_id, m.sender_id AS last_sender_id, m.type AS last_type,
                   m.content AS last_content, m.sent_at AS last_sent_at,
                   (SELECT count(*) FROM chat_message u
                     WHERE u.room_id = r.id AND u.sender_id <> ?
                       AND u.id > coalesce((SELECT cr.last_read_id FROM chat_read cr
                                             WHERE cr.room_id = r.id AND cr.user_id = ?), 0)) AS unread
              FROM chat_room r
              LEFT JOIN chat_message m ON m.id = r.last_message_id
            """;

    private static final String LIST = VIEW + """
             WHERE (r.seller_id = ? OR r.buyer_id = ?)
               AND (CAST(? AS bigint) IS NULL OR r.product_id = ?)
               AND (CAST(? AS timestamptz) IS NULL
                    OR (r.updated_at, r.id) < (CAST(? AS timestamptz), ?))
             ORDER BY r.updated_at DESC, r.id DESC
             LIMIT ?""";

    private static final String ONE = VIEW + " WHERE r.id = ?";

    private final Db db;

    public RoomStore(Db db) {
        this.db = db;
    }

    public Optional<Room> find(long roomId) {
        return db.optional("SELECT " + ROOM_COLUMNS + " FROM chat_room WHERE id = ?", RoomStore::room, roomId);
    }

    /** The buyer's room about a product (there is at most one). */
    public Optional<Long> idOf(long productId, String buyerId) {
        return db.optional(
                "SELECT id FROM chat_room WHERE product_id = ? AND buyer_id = ?",
                r -> r.getLong("id"),
                productId,
                buyerId);
    }

    /** The new room's id; empty when the buyer already has a room about the product (a concurrent open won). */
    public Optional<Long> insert(long productId, ProductFacts product, String buyerId, String buyerNickname) {
        return db.optional(
                """
                INSERT INTO chat_room (product_id, seller_id, seller_nickname, buyer_id, buyer_nickname,
                                       product_title, product_price, product_status, product_thumbnail_url)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (product_id, buyer_id) DO NOTHING
                RETURNING id""",
                r -> r.getLong("id"),
                productId,
                product.sellerId(),
                product.sellerNickname(),
                buyerId,
                buyerNickname,
                product.title(),
                product.price(),
                product.status(),
                product.thumbnailUrl());
    }

    /** The room's copy of the listing (and the seller's nickname) brought up to date. */
    public void refreshSnapshot(long roomId, ProductFacts product) {
        db.update(
                """
                UPDATE chat_room SET product_title = ?, product_price = ?, product_status = ?,
                                     product_thumbnail_url = ?,
                                     seller_nickname = CASE WHEN closed_at IS NULL THEN ? ELSE seller_nickname END
                 WHERE id = ?""",
                product.title(),
                product.price(),
                product.status(),
                product.thumbnailUrl(),
                product.sellerNickname(),
                roomId);
    }

    /** The id of the room's last message, 0 when it has none. */
    public long lastMessageId(long roomId) {
        return db.single(
                "SELECT coalesce(last_message_id, 0) AS last_message_id FROM chat_room WHERE id = ?",
                r -> r.getLong("last_message_id"),
                roomId);
    }

    /**
     * The user's rooms, most recently active first, optionally only those about one product, after the keyset
     * position ({@code afterTs}, {@code afterId}) when there is one.
     */
    public List<RoomView> roomsOf(String userId, Long productId, OffsetDateTime afterTs, long afterId, int limit) {
        return db.list(
                LIST,
                RoomStore::view,
                userId,
                userId,
                userId,
                userId,
                productId,
                productId,
                afterTs,
                afterTs,
                afterId,
                limit);
    }

    /** One room as the user sees it (unread count from their side). */
    public Optional<RoomView> view(long roomId, String userId) {
        return db.optional(ONE, RoomStore::view, userId, userId, roomId);
    }

    /** Rooms older than {@code olderThan} that product has not acknowledged, oldest first. */
    public List<Unreported> unreported(int limit, Duration olderThan) {
        return db.list("""
                SELECT id, product_id, buyer_id FROM chat_room
                WHERE reported_at IS NULL AND created_at < now() - make_interval(secs => ?)
                ORDER BY id LIMIT ?""", RoomStore::unreported, (double) olderThan.toMillis() / 1000, limit);
    }

    public void markReported(long roomId) {
        db.update("UPDATE chat_room SET reported_at = now() WHERE id = ? AND reported_at IS NULL", roomId);
    }

    /** A room from room_id, product_id, seller_id, seller_nickname, buyer_id, buyer_nickname, closed. */
    static Room room(Row r) throws SQLException {
        return new Room(
                r.getLong("room_id"),
                r.getLong("product_id"),
                r.string("seller_id"),
                r.string("seller_nickname"),
                r.string("buyer_id"),
                r.string("buyer_nickname"),
                r.getBoolean("closed"));
    }

    private static Unreported unreported(Row r) throws SQLException {
        return new Unreported(r.getLong("id"), r.getLong("product_id"), r.string("buyer_id"));
    }

    private static RoomView view(Row r) throws SQLException {
        Long lastId = r.nullableLong("last_message_id");
        RoomView.MessagePreview last = lastId == null
                ? null
                : new RoomView.MessagePreview(
                        lastId,
                        r.string("last_sender_id"),
                        r.string("last_type"),
                        r.string("last_content"),
                        r.time("last_sent_at"));
        return new RoomView(
                r.getLong("room_id"),
                new RoomView.ProductRef(
                        r.getLong("product_id"),
                        r.string("product_title"),
                        r.getLong("product_price"),
                        r.string("product_status"),
                        r.string("product_thumbnail_url")),
                new RoomView.UserRef(r.string("seller_id"), r.string("seller_nickname")),
                new RoomView.UserRef(r.string("buyer_id"), r.string("buyer_nickname")),
                last,
                r.getLong("unread"),
                r.time("updated_at"),
                r.getBoolean("closed"),
                false);
    }
}
