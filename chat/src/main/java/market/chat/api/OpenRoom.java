package market.chat.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

public record OpenRoom(@NotNull @Positive Long productId) {}
