package market.product.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import market.common.text.Text;

/** Body of POST (version ignored) and PUT (version or If-Match required) /api/products. */
public record ProductInput(
        @NotBlank @Text(min = 1, max = 100, singleLine = true)
        String title,

        @NotBlank @Text(min = 1, max = 4000) String description,
        @NotNull @PositiveOrZero @Max(1_000_000_000L) Long price,
        Boolean negotiable,

        @NotBlank @Text(min = 1, max = 32, singleLine = true)
        String category,

        @NotBlank @Text(min = 1, max = 50, singleLine = true)
        String region,

        @PositiveOrZero Integer version) {}
