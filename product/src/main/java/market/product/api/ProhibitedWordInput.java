package market.product.api;

import jakarta.validation.constraints.NotBlank;
import market.common.text.Text;

public record ProhibitedWordInput(
        @NotBlank @Text(min = 1, max = 50, singleLine = true)
        String word) {}
