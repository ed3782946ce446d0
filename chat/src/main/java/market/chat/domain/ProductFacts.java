package market.chat.domain;

/** What chat needs to know about a listing: who sells it and how to show it in the room list. */
public record ProductFacts(
        long id,
        String sellerId,
        String sellerNickname,
        String title,
        long price,
        String status,
        String thumbnailUrl) {}
