package market.product.domain;

import java.time.OffsetDateTime;

public record KeywordAlert(long id, String userId, String keyword, OffsetDateTime createdAt) {

    public static final int MAX_PER_USER = 30;
}
