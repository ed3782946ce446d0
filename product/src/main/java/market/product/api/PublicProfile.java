package market.product.api;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import market.product.domain.ReviewChip;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What anyone may see about a user: never the email or anything else from the token. {@code chips}: how often
 * each review chip was given to them, most frequent first (chips never given are left out).
 */
public record PublicProfile(
        String id,
        String nickname,

        @Schema(description = "the 동 name of their 동네", nullable = true)
        String region,

        @Schema(nullable = true) String regionCode,

        @Schema(
                description = "when they verified their 동네 (the badge); null: not verified",
                nullable = true,
                format = "date-time")
        OffsetDateTime regionVerifiedAt,

        BigDecimal mannerTemperature,
        long onSaleCount,
        long soldCount,
        long reviewCount,
        List<ChipCount> chips) {

    public record ChipCount(ReviewChip code, String label, boolean positive, long count) {}
}
