package market.chat.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.text.NumberFormat;
import java.util.Locale;
import market.chat.client.ProductCatalog;
import market.chat.domain.OfferStatus;
import market.chat.domain.ProductFacts;
import market.chat.domain.Room;
import market.common.api.ApiException;

/**
 * Who may offer what (가격 제안): only the room's buyer, only on a listing that is on sale and takes offers, and
 * only less than its asking price (an offer at or above it is no offer: the buyer can just ask to buy).
 */
@ApplicationScoped
public class OfferRules {

    private final RoomService rooms;
    private final ProductCatalog products;

    public OfferRules(RoomService rooms, ProductCatalog products) {
        this.rooms = rooms;
        this.products = products;
    }

    /** 404 no room, 403 not its buyer, 422 the listing takes no offer of this amount now. */
    public Room checkCanOffer(long roomId, String userId, long amount) {
        Room room = rooms.access(roomId, userId);
        if (!room.buyerId().equals(userId)) {
            throw ApiException.forbidden("Only the buyer can make a price offer");
        }
        ProductFacts product = products.product(room.productId());
        if (!"ON_SALE".equals(product.status())) {
            throw ApiException.unprocessable("The listing is not on sale, so it takes no offers");
        }
        if (!product.negotiable()) {
            throw ApiException.unprocessable("The seller does not take price offers on this listing");
        }
        if (amount >= product.price()) {
            throw ApiException.unprocessable("An offer must be below the asking price of " + won(product.price()));
        }
        return room;
    }

    /** The text of an OFFER message sent without one of its own. */
    static String describe(long amount) {
        return "가격 제안: " + won(amount);
    }

    /** The text of the SYSTEM message recording a change. */
    static String describe(OfferStatus status, long amount) {
        return switch (status) {
            case ACCEPTED -> "판매자가 " + won(amount) + " 가격 제안을 수락했어요.";
            case DECLINED -> "판매자가 " + won(amount) + " 가격 제안을 거절했어요.";
            case WITHDRAWN -> "구매자가 " + won(amount) + " 가격 제안을 취소했어요.";
            case PENDING -> throw new IllegalArgumentException("An offer is never moved back to PENDING");
        };
    }

    static String won(long amount) {
        return NumberFormat.getIntegerInstance(Locale.KOREA).format(amount) + "원";
    }
}
