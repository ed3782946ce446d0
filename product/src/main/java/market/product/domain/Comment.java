package market.product.domain;

import java.time.OffsetDateTime;

public record Comment(
        long id, long productId, String authorId, String content, OffsetDateTime createdAt, OffsetDateTime deletedAt) {}
