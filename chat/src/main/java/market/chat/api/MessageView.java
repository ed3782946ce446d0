package market.chat.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import market.chat.domain.Appointment;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageView(
        long id,
        long roomId,
        String senderId,
        String type,
        String content,
        Appointment appointment,
        String clientMsgId,
        OffsetDateTime sentAt) {}
