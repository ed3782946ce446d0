package market.chat.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import market.chat.client.ProductCatalog;
import market.chat.domain.ProductFacts;
import market.chat.domain.Room;
import market.chat.domain.RoomView;
import market.common.api.ApiException;
import market.common.text.TextRules;

/** Opening rooms and deciding who may use them. */
@ApplicationScoped
public class RoomService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RoomService.class);

    public record Opened(RoomView room, boolean created) {}

    private final EntityManager em;
    private final ProductCatalog products;
    private final RoomQueries queries;
    private final RoomReports reports;

    public RoomService(EntityManager em, ProductCatalog products, RoomQueries queries, RoomReports reports) {
        this.em = em;
        this.products = products;
        this.queries = queries;
        this.reports = reports;
    }

    /**
     * The caller's room for a product, created on first use. A room the caller already has never needs the
     * product service, so it keeps working while product is down.
     */
    public Opened open(long productId, String userId, String username) {
        Long existing = QuarkusTransaction.requiringNew().call(() -> existingRoom(productId, userId));
        if (existing != null) {
            refreshSnapshot(existing, productId);
            return new Opened(QuarkusTransaction.requiringNew().call(() -> queries.room(existing, userId)), false);
        }
        // Outside any transaction: no database connection is held while product answers.
        ProductFacts product = products.product(productId);
        if (product.sellerId().equals(userId)) {
            throw ApiException.unprocessable("You cannot open a chat on your own listing");
        }
        Opened opened = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Number> ids = em.createNativeQuery("""
                    INSERT INTO chat_room (product_id, seller_id, seller_nickname, buyer_id, buyer_nickname,
                                           product_title, product_price, product_status, product_thumbnail_url)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                    ON CONFLICT (product_id, buyer_id) DO NOTHING
                    RETURNING id""")
                    .setParameter(1, productId)
                    .setParameter(2, product.sellerId())
                    .setParameter(3, product.sellerNickname())
                    .setParameter(4, userId)
                    .setParameter(5, nickname(username))
                    .setParameter(6, product.title())
                    .setParameter(7, product.price())
                    .setParameter(8, product.status())
                    .setParameter(9, product.thumbnailUrl())
                    .getResultList();
            if (ids.isEmpty()) {
                // A second request of the same buyer won the race; theirs is the room.
                return new Opened(queries.room(existingRoom(productId, userId), userId), false);
            }
            return new Opened(queries.room(ids.get(0).longValue(), userId), true);
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
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("""
                UPDATE chat_room SET product_title = ?1, product_price = ?2, product_status = ?3,
                                     product_thumbnail_url = ?4, seller_nickname = ?5
                 WHERE id = ?6""")
                        .setParameter(1, product.title())
                        .setParameter(2, product.price())
                        .setParameter(3, product.status())
                        .setParameter(4, product.thumbnailUrl())
                        .setParameter(5, product.sellerNickname())
                        .setParameter(6, roomId)
                        .executeUpdate());
    }

    /** The room if the caller takes part in it: 404 when there is none, 403 when it is someone else's. */
    public Room access(long roomId, String userId) {
        return find(roomId).requireParticipant(userId);
    }

    public RoomView view(long roomId, String userId) {
        access(roomId, userId);
        return queries.room(roomId, userId);
    }

    private Room find(long roomId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT id, product_id, seller_id, seller_nickname, buyer_id, buyer_nickname FROM chat_room WHERE id = ?1")
                .setParameter(1, roomId)
                .getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound("Room");
        }
        Object[] r = rows.get(0);
        return new Room(
                ((Number) r[0]).longValue(),
                ((Number) r[1]).longValue(),
                (String) r[2],
                (String) r[3],
                (String) r[4],
                (String) r[5]);
    }

    private Long existingRoom(long productId, String userId) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT id FROM chat_room WHERE product_id = ?1 AND buyer_id = ?2")
                .setParameter(1, productId)
                .setParameter(2, userId)
                .getResultList();
        return ids.isEmpty() ? null : ids.get(0).longValue();
    }

    private static String nickname(String username) {
        String n = username == null || username.isBlank() ? "user" : username;
        return TextRules.truncate(n, 30);
    }
}
