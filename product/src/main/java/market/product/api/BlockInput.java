package market.product.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The user to block (a user id, the token's subject). */
public record BlockInput(@NotBlank @Size(max = 64) String userId) {}
