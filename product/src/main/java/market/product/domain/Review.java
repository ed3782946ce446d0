package market.product.domain;

import java.time.OffsetDateTime;

public record Review(
        long id,
        long productId,
        String reviewerId,
        String revieweeId,
        Rating rating,
        String comment,
        OffsetDateTime createdAt) {}
