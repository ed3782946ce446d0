package market.chat.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import market.chat.domain.Appointment;

/** A message to send; with an appointment it becomes an APPOINTMENT message. Length is checked against config. */
public record SendMessage(
        @NotNull String content,

        @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+")
        String clientMsgId,

        @Valid Appointment appointment) {}
