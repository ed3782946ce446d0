package market.product.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import market.product.domain.Rating;

public record ReviewInput(@NotNull Rating rating, @Size(max = 1000) String comment) {
}
