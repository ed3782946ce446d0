package market.product.api;

import jakarta.validation.constraints.NotNull;
import market.common.text.Text;
import market.product.domain.Rating;

public record ReviewInput(
        @NotNull Rating rating, @Text(max = 1000) String comment) {}
