package market.product.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import market.common.text.Text;

public record ProfileUpdate(
        @NotBlank @Text(min = 2, max = 30, singleLine = true)
        String nickname,

        @Text(max = 50, singleLine = true) String region,
        @PositiveOrZero Integer version) {}
