package market.product.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import market.product.domain.ProductStatus;

public record StatusChange(
        @NotNull ProductStatus status,
        @Size(min = 1, max = 64) String buyerId,
        @PositiveOrZero Integer version) {}
