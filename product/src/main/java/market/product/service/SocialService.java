package market.product.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import market.common.api.ApiException;
import market.common.api.Cursor;
import market.common.api.Page;
import market.common.events.EventType;
import market.common.limits.Action;
import market.product.domain.Comment;
import market.product.domain.Product;
import market.product.storage.CommentStore;
import market.product.storage.LikeStore;
import market.product.storage.OutboxStore;
import market.product.storage.ProductStore;
import market.product.storage.TradeStore;

/** Likes (관심) and comments on listings, with their counters and notification events. */
@ApplicationScoped
public class SocialService {

    private final LikeStore likes;
    private final CommentStore comments;
    private final TradeStore trades;
    private final ProductStore listings;
    private final ProductService products;
    private final ProfileService profiles;
    private final OutboxStore outbox;
    private final BlockService blocks;

    public SocialService(
            LikeStore likes,
            CommentStore comments,
            TradeStore trades,
            ProductStore listings,
            ProductService products,
            ProfileService profiles,
            OutboxStore outbox,
            BlockService blocks) {
        this.likes = likes;
        this.comments = comments;
        this.trades = trades;
        this.listings = listings;
        this.products = products;
        this.profiles = profiles;
        this.outbox = outbox;
        this.blocks = blocks;
    }

    /** Idempotent: liking twice is one like, and the seller hears about it once. */
    @Transactional
    public void like(Caller caller, long productId) {
        Product p = products.findVisible(caller, productId);
        if (p.isOwnedBy(caller.id())) {
            throw ApiException.unprocessable("You can not like your own listing");
        }
        if (!likes.add(productId, caller.id())) {
            return;
        }
        listings.countLike(productId);
        String nickname = profiles.me(caller.id(), caller.username()).nickname();
        outbox.publish(
                "like:" + productId + ":" + caller.id(),
                EventType.LIKE,
                p.sellerId(),
                "관심 알림",
                nickname + "님이 " + p.title() + "을(를) 관심상품으로 등록했어요",
                Map.of("productId", productId));
    }

    @Transactional
    public void unlike(Caller caller, long productId) {
        products.find(productId);
        if (likes.remove(productId, caller.id())) {
            listings.uncountLike(productId);
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
        if (trades.recordChat(productId, roomId, buyerId)) {
            listings.countChat(productId);
        }
    }

    @RateLimited(Action.COMMENT)
    @Transactional
    public Comment comment(Caller caller, long productId, String content) {
        products.findVisible(caller, productId); // hidden by moderation: 404 for others
        Product p = visible(productId, caller.id()); // 차단: 404 for a blocked party
        profiles.me(caller.id(), caller.username());
        Comment c = comments.insert(productId, caller.id(), content, Clock.now());
        listings.countComment(productId);
        if (!p.isOwnedBy(caller.id())) {
            outbox.publish(
                    "comment:" + c.id(),
                    EventType.COMMENT,
                    p.sellerId(),
                    "새 댓글",
                    p.title() + ": " + content,
                    Map.of("productId", productId, "commentId", c.id()));
        }
        return c;
    }

    /**
     * Comments of a listing, oldest first, keyset-paginated by id; a viewer ({@code viewerId}, null when
     * anonymous) does not see those of users in a block with them, either way.
     */
    @Transactional
    public Page<Comment> comments(long productId, Long afterId, int size, String viewerId) {
        visible(productId, viewerId);
        List<Comment> rows = comments.page(productId, afterId == null ? 0L : afterId, size + 1, viewerId);
        return Page.of(rows, size, c -> Cursor.encode(c.id()));
    }

    /** A live listing the viewer may see: 404 when it is gone or its seller and the viewer are in a block. */
    private Product visible(long productId, String viewerId) {
        Product p = products.find(productId);
        if (blocks.between(viewerId, p.sellerId())) {
            throw ApiException.notFound("Product " + productId);
        }
        return p;
    }

    @Transactional
    public void deleteComment(Caller caller, long commentId) {
        // Locked so that two deletes of one comment decrement the counter once.
        Comment c = comments.lock(commentId).orElse(null);
        if (c == null || c.deletedAt() != null) {
            throw ApiException.notFound("Comment " + commentId);
        }
        if (!caller.id().equals(c.authorId()) && !caller.admin()) {
            throw ApiException.forbidden("Only the author or an admin can delete this comment");
        }
        comments.softDelete(commentId, Clock.now());
        listings.uncountComment(c.productId());
    }

    /** Moderation: soft-deletes the comment as an admin's delete does; false when it was already gone. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean removeComment(long commentId) {
        Comment c = comments.lock(commentId).orElse(null);
        if (c == null || c.deletedAt() != null) {
            return false;
        }
        comments.softDelete(commentId, Clock.now());
        listings.uncountComment(c.productId());
        return true;
    }

    /** A comment, deleted or not. */
    public Optional<Comment> findComment(long commentId) {
        return comments.find(commentId);
    }
}
