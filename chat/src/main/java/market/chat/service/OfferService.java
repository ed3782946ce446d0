package market.chat.service;

import jakarta.enterprise.context.ApplicationScoped;
import market.chat.client.ProductReservations;
import market.chat.domain.MessageView;
import market.chat.domain.OfferStatus;
import market.chat.domain.Room;
import market.chat.storage.MessageStore;
import market.common.api.ApiException;

/**
 * The seller accepts or declines a buyer's offer, the buyer withdraws it. Each change is a SYSTEM message in the
 * room (carrying the offer's new state), delivered live to both and pushed like any message; the OFFER message
 * itself keeps the current state, so a client that reloads sees it too.
 */
@ApplicationScoped
public class OfferService {

    /** What to do with an offer; who may do it. */
    public enum Action {
        ACCEPT(OfferStatus.ACCEPTED, true),
        DECLINE(OfferStatus.DECLINED, true),
        WITHDRAW(OfferStatus.WITHDRAWN, false);

        final OfferStatus to;
        final boolean bySeller;

        Action(OfferStatus to, boolean bySeller) {
            this.to = to;
            this.bySeller = bySeller;
        }
    }

    private final RoomService rooms;
    private final MessageStore store;
    private final ProductReservations reservations;
    private final ChatService chat;

    public OfferService(RoomService rooms, MessageStore store, ProductReservations reservations, ChatService chat) {
        this.rooms = rooms;
        this.store = store;
        this.reservations = reservations;
        this.chat = chat;
    }

    /**
     * Moves a PENDING offer; returns the SYSTEM message that records it. With {@code reserve} (ACCEPT only) the
     * listing becomes 예약중 for the room's buyer first: if product refuses (409) or does not answer (503), nothing
     * changes here. 404 no room/offer, 403 the wrong party, 409 the offer is not PENDING (any more).
     */
    public MessageView resolve(long roomId, long offerId, String userId, Action action, boolean reserve) {
        Room room = rooms.access(roomId, userId);
        boolean seller = room.sellerId().equals(userId);
        if (seller != action.bySeller) {
            throw ApiException.forbidden(
                    action.bySeller ? "Only the seller can answer an offer" : "Only the buyer can withdraw an offer");
        }
        MessageView offer = store.offer(roomId, offerId).orElseThrow(() -> ApiException.notFound("Offer"));
        if (offer.offer().status() != OfferStatus.PENDING) {
            throw ApiException.conflict("The offer is already " + offer.offer().status());
        }
        if (action == Action.ACCEPT && reserve) {
            reservations.reserve(room.productId(), room.id(), room.buyerId());
        }
        MessageStore.Appended appended = store.resolveOffer(
                        roomId,
                        offerId,
                        action.to,
                        userId,
                        OfferRules.describe(action.to, offer.offer().amount()))
                .orElseThrow(() -> ApiException.notFound("Room"));
        if (appended.message() == null) {
            throw ApiException.conflict("The offer was answered or withdrawn meanwhile");
        }
        chat.deliver(room, userId, appended.message());
        return appended.message();
    }
}
