package market.product.api;

import java.time.OffsetDateTime;
import market.product.domain.KeywordAlert;

public record KeywordView(long id, String keyword, OffsetDateTime createdAt) {

    public static KeywordView of(KeywordAlert k) {
        return new KeywordView(k.id(), k.keyword(), k.createdAt());
    }
}
