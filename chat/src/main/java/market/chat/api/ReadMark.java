package market.chat.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

public record ReadMark(@NotNull @PositiveOrZero Long lastReadId) {}
