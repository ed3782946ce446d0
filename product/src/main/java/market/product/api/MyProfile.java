package market.product.api;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import market.product.domain.Profile;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record MyProfile(
        String id,
        String nickname,

        @Schema(description = "the 동 name of my 동네, null until I choose one", nullable = true)
        String region,

        @Schema(description = "my 동네's region code, null until I choose one", nullable = true)
        String regionCode,

        @Schema(
                description = "when I last verified being in my 동네 (동네 인증); null: not verified",
                nullable = true,
                format = "date-time")
        OffsetDateTime regionVerifiedAt,

        @Schema(description = "my feed range step: 0 my 동 only, 1 ≤ 3 km, 2 ≤ 6 km, 3 ≤ 10 km")
        int range,

        BigDecimal mannerTemperature,
        OffsetDateTime createdAt,
        int version) {

    static MyProfile of(Profile p) {
        return new MyProfile(
                p.id(),
                p.nickname(),
                p.region(),
                p.regionCode(),
                p.regionVerifiedAt(),
                p.range(),
                p.mannerTemperature(),
                p.createdAt(),
                p.version());
    }
}
