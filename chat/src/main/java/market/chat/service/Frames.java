package market.chat.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import market.chat.domain.Appointment;
import market.chat.domain.MessageView;
import market.chat.domain.OfferRequest;

/** The JSON frames of /ws/chat (DESIGN section 6). */
public final class Frames {

    private Frames() {}

    /** client → server: send, read or typing; which fields matter depends on the type. */
    public record Inbound(
            String type,
            Long roomId,
            String content,
            String clientMsgId,
            Long messageId,
            Appointment appointment,
            OfferRequest offer) {}

    public record Message(String type, MessageView message) {
        public Message(MessageView message) {
            this("message", message);
        }
    }

    public record Ack(String type, String clientMsgId, MessageView message) {
        public Ack(String clientMsgId, MessageView message) {
            this("ack", clientMsgId, message);
        }
    }

    public record Read(String type, long roomId, String userId, long messageId) {
        public Read(long roomId, String userId, long messageId) {
            this("read", roomId, userId, messageId);
        }
    }

    public record Typing(String type, long roomId, String userId) {
        public Typing(long roomId, String userId) {
            this("typing", roomId, userId);
        }
    }

    /** clientMsgId is echoed when the failed frame had one, so a client knows which send failed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String type, String code, String detail, String clientMsgId) {
        public Error(String code, String detail, String clientMsgId) {
            this("error", code, detail, clientMsgId);
        }
    }
}
