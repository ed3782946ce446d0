package market.product.api;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /api/me/region-verification: where the device is now (used for the check only, never stored). */
public record RegionVerification(
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double lng,

        @Schema(description = "the 동 to verify and make my 동네; absent: the 동네 I saved")
        @Pattern(regexp = "[0-9]{10}", message = "must be a 10-digit region code")
        String regionCode) {}
