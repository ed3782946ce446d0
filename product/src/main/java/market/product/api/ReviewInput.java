package market.product.api;

import jakarta.validation.constraints.NotNull;
import market.product.domain.Rating;
import market.common.text.Text;

public record ReviewInput(@NotNull Rating rating, @Text(max = 1000) String comment) {
}
