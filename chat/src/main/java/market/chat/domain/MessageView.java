package market.chat.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageView(
        long id,
        long roomId,
        String senderId,
        String type,
        String content,
        Appointment appointment,
        OfferView offer,
        String clientMsgId,
        OffsetDateTime sentAt) {}
