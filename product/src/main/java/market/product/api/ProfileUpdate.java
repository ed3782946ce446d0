package market.product.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

public record ProfileUpdate(
        @NotBlank @Size(min = 2, max = 30) String nickname,
        @Size(max = 50) String region,
        @PositiveOrZero Integer version) {
}
