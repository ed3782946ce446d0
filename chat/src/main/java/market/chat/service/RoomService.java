package market.chat.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import market.chat.client.ProductCatalog;
import market.chat.domain.ProductFacts;
import market.chat.domain.Room;
import market.chat.domain.RoomView;
import market.chat.storage.AccountStore;
import market.chat.storage.RoomStore;
import market.common.api.ApiException;
import market.common.api.Cursor;
import market.common.api.Page;
import market.common.db.Timestamps;
import market.common.text.TextRules;

/** Opening rooms, deciding who may use them, and the caller's room list. */
@ApplicationScoped
public class RoomService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RoomService.class);

    public record Opened(RoomView room, boolean created) {}

    private final RoomStore store;
    private final ProductCatalog products;
    private final RoomReports reports;
    private final AccountStore accounts;
    private final Blocks blocks;

    public RoomService(
            RoomStore store, ProductCatalog products, RoomReports reports, AccountStore accounts, Blocks blocks) {
        this.store = store;
        this.products = products;
        this.reports = reports;
        this.accounts = accounts;
        this.blocks = blocks;
    }

    /**
     * The caller's room for a product, created on first use. A room the caller already has never needs the
     * product service, so it keeps working while product is down.
     */
    public Opened open(long productId, String userId, String username) {
        if (accounts.isDeleted(userId)) {
            // the account was deleted (탈퇴); its access token lives on until it expires
            throw new ApiException(401, "Unauthorized", "The account was deleted");
        }
        Long existing = store.idOf(productId, userId).orElse(null);
        if (existing != null) {
            refreshSnapshot(existing, productId);
            return new Opened(roomView(existing, userId), false);
        }
        // Outside any transaction: no database connection is held while product answers.
        ProductFacts product = products.product(productId);
        if (product.sellerId().equals(userId)) {
            throw ApiException.unprocessable("You cannot open a chat on your own listing");
        }
        // 차단: no new room between blocked parties (an existing one is returned above, read-only).
        blocks.requireNotBetween(userId, product.sellerId());
        Opened opened = QuarkusTransaction.requiringNew().call(() -> {
            Long id =
                    store.insert(productId, product, userId, nickname(username)).orElse(null);
            if (id == null) {
                // A second request of the same buyer won the race; theirs is the room.
                return new Opened(roomView(store.idOf(productId, userId).orElseThrow(), userId), false);
            }
            return new Opened(roomView(id, userId), true);
        });
        if (opened.created()) {
            reports.opened(productId, opened.room().id(), userId);
        }
        return opened;
    }

    /**
     * Reopening a room is when the buyer looks at the listing again: bring its price/status/title up to date.
     * Best effort: with product down or the listing deleted, the room keeps its last snapshot.
     */
    private void refreshSnapshot(long roomId, long productId) {
        ProductFacts product;
        try {
            product = products.product(productId);
        } catch (ApiException e) {
            LOG.debugf("Room %d keeps its product snapshot: %s", roomId, e.getMessage());
            return;
        }
        store.refreshSnapshot(roomId, product);
    }

    /** The room if the caller takes part in it: 404 when there is none, 403 when it is someone else's. */
    public Room access(long roomId, String userId) {
        return store.find(roomId)
                .orElseThrow(() -> ApiException.notFound("Room"))
                .requireParticipant(userId);
    }

    public RoomView view(long roomId, String userId) {
        access(roomId, userId);
        return roomView(roomId, userId);
    }

    /** The caller's rooms, most recently active first, optionally only those about one listing (a seller picking the buyer). */
    public Page<RoomView> roomsOf(String userId, Long productId, String cursor, int size) {
        Cursor c = Cursor.decode(cursor, 2);
        OffsetDateTime afterTs = c == null ? null : Timestamps.fromMicros(c.longAt(0));
        long afterId = c == null ? 0L : c.longAt(1);
        List<RoomView> rooms = store.roomsOf(userId, productId, afterTs, afterId, size + 1).stream()
                .map(r -> withBlocked(r, userId))
                .toList();
        return Page.of(rooms, size, r -> Cursor.encode(Timestamps.micros(r.updatedAt()), r.id()));
    }

    /** One room as its participant sees it (unread count from their side); the caller checked access. */
    private RoomView roomView(long roomId, String userId) {
        return withBlocked(store.view(roomId, userId).orElseThrow(() -> ApiException.notFound("Room")), userId);
    }

    /** Marks the room read-only when its two participants are in a block (either way). */
    private RoomView withBlocked(RoomView room, String userId) {
        String other = room.seller().id().equals(userId)
                ? room.buyer().id()
                : room.seller().id();
        return blocks.between(userId, other) ? room.withBlocked(true) : room;
    }

    private static String nickname(String username) {
        String n = username == null || username.isBlank() ? "user" : username;
        return TextRules.truncate(n, 30);
    }
}
