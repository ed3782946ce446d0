package market.product.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import market.common.text.Text;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of PUT /api/me. An absent regionCode/region/range keeps what the profile has. */
public record ProfileUpdate(
        @NotBlank @Text(min = 2, max = 30, singleLine = true)
        String nickname,

        @Schema(description = "my 동네 (10-digit code from /api/regions); a new one must be verified again")
        @Pattern(regexp = "[0-9]{10}", message = "must be a 10-digit region code")
        String regionCode,

        @Schema(
                description =
                        "deprecated: a 동 name, taken when exactly one 행정동 has it (else 400); send" + " regionCode")
        @Text(max = 50, singleLine = true)
        String region,

        @Schema(description = "feed range step: 0 my 동 only, 1 ≤ 3 km, 2 ≤ 6 km, 3 ≤ 10 km") @PositiveOrZero @Max(3)
        Integer range,

        @PositiveOrZero Integer version) {}
