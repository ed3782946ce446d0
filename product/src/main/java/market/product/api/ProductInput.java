package market.product.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import market.common.text.Text;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST (version ignored) and PUT (version or If-Match required) /api/products. */
public record ProductInput(
        @NotBlank @Text(min = 1, max = 100, singleLine = true)
        String title,

        @NotBlank @Text(min = 1, max = 4000) String description,
        @NotNull @PositiveOrZero @Max(1_000_000_000L) Long price,
        Boolean negotiable,

        @NotBlank @Text(min = 1, max = 32, singleLine = true)
        String category,

        @Schema(
                description = "the listing's 동 (10-digit code). Where 동네 인증 is required (the default) a new"
                        + " listing is in the seller's verified 동네 and this may be left out (another 동 is"
                        + " 422); an edit keeps the listing's 동")
        @Pattern(regexp = "[0-9]{10}", message = "must be a 10-digit region code")
        String regionCode,

        @Schema(description = "deprecated: a 동 name (today's clients send it); not needed, see regionCode")
        @Text(max = 50, singleLine = true)
        String region,

        @PositiveOrZero Integer version) {}
