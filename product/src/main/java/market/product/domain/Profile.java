package market.product.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A user's marketplace profile. {@code mannerTemperature} is moved only by reviews, with a single SQL update, so
 * a profile edit never writes it back; an edit bumps {@code version} (optimistic locking, ETag/If-Match).
 */
public record Profile(
        String id,
        String nickname,
        String region,
        BigDecimal mannerTemperature,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        int version) {

    public static final BigDecimal INITIAL_TEMPERATURE = new BigDecimal("36.5");
}
