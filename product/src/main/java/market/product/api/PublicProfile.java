package market.product.api;

import java.math.BigDecimal;
import java.util.List;
import market.product.domain.ReviewChip;

/**
 * What anyone may see about a user: never the email or anything else from the token. {@code chips}: how often
 * each review chip was given to them, most frequent first (chips never given are left out).
 */
public record PublicProfile(
        String id,
        String nickname,
        String region,
        BigDecimal mannerTemperature,
        long onSaleCount,
        long soldCount,
        long reviewCount,
        List<ChipCount> chips) {

    public record ChipCount(ReviewChip code, String label, boolean positive, long count) {}
}
