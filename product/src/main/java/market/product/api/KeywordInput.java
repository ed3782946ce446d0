package market.product.api;

import jakarta.validation.constraints.NotBlank;
import market.common.text.Text;

public record KeywordInput(
        @NotBlank @Text(min = 1, max = 30, singleLine = true)
        String keyword) {}
