package market.chat.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/** 약속: when and where buyer and seller meet to make the deal. */
public record Appointment(@NotNull OffsetDateTime at, @NotBlank @Size(max = 100) String place) {
}
