package market.chat.domain;

public enum MessageType {
    TEXT,
    APPOINTMENT,
    SYSTEM
}
