package market.chat.domain;

/** What chat needs to know about a listing: who sells it and how to show it in the room list,
 * and whether it takes price offers. */
public record ProductFacts(
        long id,
        String sellerId,
        String sellerNickname,
        String title,
        long price,
        String status,
        boolean negotiable,
        String thumbnailUrl) {}
