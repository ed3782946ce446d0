package market.product.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A user's marketplace profile. {@code region} is the 동 name of {@code regionCode} (their 동네, null until set);
 * {@code regionVerifiedAt} when they last proved being there (동네 인증; cleared when the 동네 changes); {@code range}
 * the feed range step they chose (RegionRange). {@code mannerTemperature} is moved only by reviews, with a single SQL update, so
 * a profile edit never writes it back; an edit bumps {@code version} (optimistic locking, ETag/If-Match).
 */
public record Profile(
        String id,
        String nickname,
        String region,
        String regionCode,
        OffsetDateTime regionVerifiedAt,
        int range,
        BigDecimal mannerTemperature,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        int version) {

    public static final BigDecimal INITIAL_TEMPERATURE = new BigDecimal("36.5");
}
