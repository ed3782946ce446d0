package market.product.api;

import jakarta.validation.constraints.NotBlank;
import market.common.text.Text;

public record CommentInput(
        @NotBlank @Text(min = 1, max = 1000) String content) {}
