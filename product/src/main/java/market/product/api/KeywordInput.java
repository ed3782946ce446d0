package market.product.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record KeywordInput(@NotBlank @Size(max = 30) String keyword) {
}
