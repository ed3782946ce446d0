package market.chat.domain;

public enum MessageType {
    TEXT,
    APPOINTMENT,
    SYSTEM,
    /** 가격 제안 by the room's buyer. */
    OFFER,
    /** 1 to 10 photos (content: an optional caption, empty without one). */
    PHOTO
}
