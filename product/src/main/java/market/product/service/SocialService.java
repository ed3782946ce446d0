package market.product.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import market.common.api.ApiException;
import market.common.api.Page;
import market.common.events.EventType;
import market.common.limits.Action;
import market.product.domain.Comment;
import market.product.domain.Product;

/** Likes (관심) and comments on listings, with their counters and notification events. */
@ApplicationScoped
public class SocialService {

    private final EntityManager em;
    private final ProductService products;
    private final ProfileService profiles;
    private final EventOutbox outbox;

    public SocialService(EntityManager em, ProductService products, ProfileService profiles, EventOutbox outbox) {
        this.em = em;
        this.products = products;
        this.profiles = profiles;
        this.outbox = outbox;
    }

    /** Idempotent: liking twice is one like, and the seller hears about it once. */
    @Transactional
    public void like(Caller caller, long productId) {
        Product p = products.find(productId);
        if (p.isOwnedBy(caller.id())) {
            throw ApiException.unprocessable("You can not like your own listing");
        }
        int added = em.createNativeQuery("""
                INSERT INTO product_like (product_id, user_id) VALUES (:p, :u) ON CONFLICT DO NOTHING""")
                .setParameter("p", productId)
                .setParameter("u", caller.id())
                .executeUpdate();
        if (added == 0) {
            return;
        }
        em.createNativeQuery("UPDATE product SET like_count = like_count + 1 WHERE id = :p")
                .setParameter("p", productId)
                .executeUpdate();
        String nickname = profiles.me(caller.id(), caller.username()).nickname;
        outbox.publish(
                "like:" + productId + ":" + caller.id(),
                EventType.LIKE,
                p.sellerId,
                "관심 알림",
                nickname + "님이 " + p.title + "을(를) 관심상품으로 등록했어요",
                Map.of("productId", productId));
    }

    @Transactional
    public void unlike(Caller caller, long productId) {
        products.find(productId);
        int removed = em.createNativeQuery("DELETE FROM product_like WHERE product_id = :p AND user_id = :u")
                .setParameter("p", productId)
                .setParameter("u", caller.id())
                .executeUpdate();
        if (removed > 0) {
            em.createNativeQuery("UPDATE product SET like_count = greatest(like_count - 1, 0) WHERE id = :p")
                    .setParameter("p", productId)
                    .executeUpdate();
        }
    }

    /**
     * chat reports each room opened on a listing (at least once; idempotent per room) so the listing shows
     * chatCount and the room's buyer may be named in a trade. Rooms recorded before buyers were reported learn
     * theirs from chat's next report.
     */
    @Transactional
    public void chatOpened(long productId, long roomId, String buyerId) {
        // A listing deleted since the room opened still gets it: chat must not retry such a room forever.
        products.findIncludingDeleted(productId);
        @SuppressWarnings("unchecked")
        List<Boolean> inserted = em.createNativeQuery("""
                INSERT INTO product_chat (product_id, room_id, buyer_id) VALUES (:p, :r, :b)
                ON CONFLICT (product_id, room_id) DO UPDATE SET buyer_id = EXCLUDED.buyer_id
                WHERE product_chat.buyer_id IS NULL
                RETURNING (xmax = 0)""")
                .setParameter("p", productId)
                .setParameter("r", roomId)
                .setParameter("b", buyerId)
                .getResultList();
        if (!inserted.isEmpty() && inserted.get(0)) {
            em.createNativeQuery("UPDATE product SET chat_count = chat_count + 1 WHERE id = :p")
                    .setParameter("p", productId)
                    .executeUpdate();
        }
    }

    @RateLimited(Action.COMMENT)
    @Transactional
    public Comment comment(Caller caller, long productId, String content) {
        Product p = products.find(productId);
        profiles.me(caller.id(), caller.username());
        Comment c = new Comment();
        c.productId = productId;
        c.authorId = caller.id();
        c.content = content;
        c.createdAt = Clock.now();
        em.persist(c);
        em.flush();
        em.createNativeQuery("UPDATE product SET comment_count = comment_count + 1 WHERE id = :p")
                .setParameter("p", productId)
                .executeUpdate();
        if (!p.isOwnedBy(caller.id())) {
            outbox.publish(
                    "comment:" + c.id,
                    EventType.COMMENT,
                    p.sellerId,
                    "새 댓글",
                    p.title + ": " + content,
                    Map.of("productId", productId, "commentId", c.id));
        }
        return c;
    }

    /** Comments of a listing, oldest first, keyset-paginated by id. */
    @Transactional
    public Page<Comment> comments(long productId, Long afterId, int size) {
        products.find(productId);
        List<Comment> rows = em.createQuery("""
                from Comment where productId = :p and deletedAt is null and id > :after order by id""", Comment.class)
                .setParameter("p", productId)
                .setParameter("after", afterId == null ? 0L : afterId)
                .setMaxResults(size + 1)
                .getResultList();
        return Page.of(rows, size, c -> market.common.api.Cursor.encode(c.id));
    }

    @Transactional
    public void deleteComment(Caller caller, long commentId) {
        // Locked so that two deletes of one comment decrement the counter once.
        Comment c = em.find(Comment.class, commentId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (c == null || c.deletedAt != null) {
            throw ApiException.notFound("Comment " + commentId);
        }
        if (!c.authorId.equals(caller.id()) && !caller.admin()) {
            throw ApiException.forbidden("Only the author or an admin can delete this comment");
        }
        c.deletedAt = Clock.now();
        em.createNativeQuery("UPDATE product SET comment_count = greatest(comment_count - 1, 0) WHERE id = :p")
                .setParameter("p", c.productId)
                .executeUpdate();
    }
}
