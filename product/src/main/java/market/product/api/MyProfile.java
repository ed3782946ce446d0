package market.product.api;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import market.product.domain.Profile;

public record MyProfile(
        String id,
        String nickname,
        String region,
        BigDecimal mannerTemperature,
        OffsetDateTime createdAt,
        int version) {

    static MyProfile of(Profile p) {
        return new MyProfile(p.id(), p.nickname(), p.region(), p.mannerTemperature(), p.createdAt(), p.version());
    }
}
