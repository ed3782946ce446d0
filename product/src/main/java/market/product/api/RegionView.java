package market.product.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import market.product.domain.Region;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A 행정동: code (10-digit 행정기관코드), names and its representative point (WGS84). */
public record RegionView(
        @Schema(examples = "1168064000") String code,
        @Schema(examples = "서울특별시") String sido,

        @Schema(examples = "강남구", description = "empty for 세종특별자치시, which has no 시군구")
        String sigungu,

        @Schema(examples = "역삼1동") String dong,
        double lat,
        double lng,

        @Schema(description = "metres from the position asked about (only in /api/regions/nearby)")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Integer distanceMeters) {

    static RegionView of(Region r) {
        return new RegionView(r.code(), r.sido(), r.sigungu(), r.dong(), r.lat(), r.lng(), null);
    }

    static RegionView of(Region r, double meters) {
        return new RegionView(r.code(), r.sido(), r.sigungu(), r.dong(), r.lat(), r.lng(), (int) Math.round(meters));
    }
}
