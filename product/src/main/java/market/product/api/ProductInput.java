package market.product.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Body of POST (version ignored) and PUT (version or If-Match required) /api/products. */
public record ProductInput(
        @NotBlank @Size(max = 100) String title,
        @NotBlank @Size(max = 4000) String description,
        @NotNull @PositiveOrZero @Max(1_000_000_000L) Long price,
        Boolean negotiable,
        @NotBlank @Size(max = 32) String category,
        @NotBlank @Size(max = 50) String region,
        @PositiveOrZero Integer version) {
}
