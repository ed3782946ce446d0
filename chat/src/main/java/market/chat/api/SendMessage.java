package market.chat.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import market.chat.domain.Appointment;
import market.chat.domain.OfferRequest;

/**
 * A message to send; with an appointment it becomes an APPOINTMENT message, with an offer an OFFER (가격 제안; its
 * content may then be left out). Content is required otherwise; its length is checked against config.
 */
public record SendMessage(
        String content,

        @Size(min = 1, max = 64) @Pattern(regexp = CLIENT_MSG_ID)
        String clientMsgId,

        @Valid Appointment appointment,

        @Valid OfferRequest offer) {

    /** What a clientMsgId (the sender's own id of a message, for retries) may consist of, 1 to 64 of these. */
    public static final String CLIENT_MSG_ID = "[A-Za-z0-9._:-]+";
}
