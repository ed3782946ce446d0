package market.chat.domain;

import java.time.OffsetDateTime;

public record RoomView(
        long id,
        ProductRef product,
        UserRef seller,
        UserRef buyer,
        MessagePreview lastMessage,
        long unreadCount,
        OffsetDateTime updatedAt,
        // one party deleted their account (탈퇴): read-only, sending is refused; that party is named 탈퇴한 사용자
        boolean closed,
        // one party blocked the other (차단): read-only, sending is refused
        boolean blocked) {

    /** The same room, marked read-only for its participants: one of them blocked the other (차단). */
    public RoomView withBlocked(boolean blocked) {
        return new RoomView(id, product, seller, buyer, lastMessage, unreadCount, updatedAt, closed, blocked);
    }

    public record ProductRef(long id, String title, long price, String status, String thumbnailUrl) {}

    public record UserRef(String id, String nickname) {}

    public record MessagePreview(long id, String senderId, String type, String content, OffsetDateTime sentAt) {}
}
