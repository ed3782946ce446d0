package market.chat.domain;

import market.common.api.ApiException;

/** The facts about a room that decide who may use it. */
public record Room(
        long id, long productId, String sellerId, String sellerNickname, String buyerId, String buyerNickname) {

    public boolean hasParticipant(String userId) {
        return sellerId.equals(userId) || buyerId.equals(userId);
    }

    public String otherThan(String userId) {
        return sellerId.equals(userId) ? buyerId : sellerId;
    }

    public String nicknameOf(String userId) {
        return sellerId.equals(userId) ? sellerNickname : buyerNickname;
    }

    public Room requireParticipant(String userId) {
        if (!hasParticipant(userId)) {
            throw ApiException.forbidden("Only the buyer and the seller can use this room");
        }
        return this;
    }
}
