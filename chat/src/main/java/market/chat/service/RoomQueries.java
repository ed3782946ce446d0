package market.chat.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.List;
import market.chat.domain.RoomView;
import market.common.api.Cursor;
import market.common.api.Page;
import market.common.db.Timestamps;

/** Read side of rooms: the caller's room list, most recently active first, keyset-paginated. */
@ApplicationScoped
public class RoomQueries {

    private static final String SELECT = """
            SELECT r.id, r.product_id, r.product_title, r.product_price, r.product_status, r.product_thumbnail_url,
                   r.seller_id, r.seller_nickname, r.buyer_id, r.buyer_nickname, r.updated_at,
                   m.id, m.sender_id, m.type, m.content, m.sent_at,
                   (SELECT count(*) FROM chat_message u
                     WHERE u.room_id = r.id AND u.sender_id <> :me
                       AND u.id > coalesce((SELECT cr.last_read_id FROM chat_read cr
                                             WHERE cr.room_id = r.id AND cr.user_id = :me), 0)) AS unread
              FROM chat_room r
              LEFT JOIN chat_message m ON m.id = r.last_message_id
            """;

    private static final String LIST = SELECT + """
             WHERE (r.seller_id = :me OR r.buyer_id = :me)
               AND (CAST(:productId AS bigint) IS NULL OR r.product_id = :productId)
               AND (CAST(:afterTs AS timestamptz) IS NULL
                    OR (r.updated_at, r.id) < (CAST(:afterTs AS timestamptz), :afterId))
             ORDER BY r.updated_at DESC, r.id DESC
             LIMIT :limit""";

    private static final String ONE = SELECT + " WHERE r.id = :id";

    private final EntityManager em;

    public RoomQueries(EntityManager em) {
        this.em = em;
    }

    /** The caller's rooms, optionally only those about one listing (a seller picking the buyer). */
    public Page<RoomView> roomsOf(String userId, Long productId, String cursor, int size) {
        Cursor c = Cursor.decode(cursor, 2);
        OffsetDateTime afterTs = c == null ? null : Timestamps.fromMicros(c.longAt(0));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(LIST)
                .setParameter("me", userId)
                .setParameter("productId", productId)
                .setParameter("afterTs", afterTs)
                .setParameter("afterId", c == null ? 0L : c.longAt(1))
                .setParameter("limit", size + 1)
                .getResultList();
        List<RoomView> rooms = rows.stream().map(RoomQueries::toView).toList();
        return Page.of(rooms, size, r -> Cursor.encode(Timestamps.micros(r.updatedAt()), r.id()));
    }

    /** One room as its participant sees it (unread count from their side); the caller checked access. */
    public RoomView room(long roomId, String userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(ONE)
                .setParameter("me", userId)
                .setParameter("id", roomId)
                .getResultList();
        if (rows.isEmpty()) {
            throw market.common.api.ApiException.notFound("Room");
        }
        return toView(rows.get(0));
    }

    private static RoomView toView(Object[] r) {
        RoomView.MessagePreview last = r[11] == null
                ? null
                : new RoomView.MessagePreview(
                        ((Number) r[11]).longValue(),
                        (String) r[12],
                        (String) r[13],
                        (String) r[14],
                        Timestamps.odt(r[15]));
        return new RoomView(
                ((Number) r[0]).longValue(),
                new RoomView.ProductRef(
                        ((Number) r[1]).longValue(), (String) r[2], ((Number) r[3]).longValue(), (String) r[4], (String)
                                r[5]),
                new RoomView.UserRef((String) r[6], (String) r[7]),
                new RoomView.UserRef((String) r[8], (String) r[9]),
                last,
                ((Number) r[16]).longValue(),
                Timestamps.odt(r[10]));
    }
}
