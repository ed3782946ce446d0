package market.chat.domain;

import market.common.api.ApiException;

/**
 * The facts about a room that decide who may use it. A closed room (one of its parties deleted their account)
 * is read-only: its messages stay, nothing more can be sent.
 */
public record Room(
        long id,
        long productId,
        String sellerId,
        String sellerNickname,
        String buyerId,
        String buyerNickname,
        boolean closed) {

    /** How a deleted account is named in its rooms (their messages stay for the other party). */
    public static final String DELETED_NICKNAME = "탈퇴한 사용자";

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
