package market.chat.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import market.common.text.Text;

/** 약속: when and where buyer and seller meet to make the deal. */
public record Appointment(
        @NotNull OffsetDateTime at,

        @NotBlank @Text(min = 1, max = 100, singleLine = true)
        String place) {}
