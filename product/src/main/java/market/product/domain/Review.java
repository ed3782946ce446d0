package market.product.domain;

import java.time.OffsetDateTime;
import java.util.List;

public record Review(
        long id,
        long productId,
        String reviewerId,
        String revieweeId,
        Rating rating,
        String comment,
        List<ReviewChip> chips,
        OffsetDateTime createdAt) {}
