package market.product.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record CommentInput(@NotBlank @Size(max = 1000) String content) {
}
