package market.product.domain;

/**
 * A 행정동 (administrative dong) with its representative point, from product/regions/regions.csv. {@code sigungu} is
 * empty where the 시도 has none (세종). A retired code (gone from a newer release) is still valid for what
 * references it but no longer offered.
 */
public record Region(String code, String sido, String sigungu, String dong, double lat, double lng, boolean retired) {

    /** The mean Earth radius (IUGG), in metres. */
    private static final double EARTH_RADIUS_M = 6_371_008.8;

    /** "서울특별시 강남구 역삼1동". */
    public String fullName() {
        return sigungu.isEmpty() ? sido + " " + dong : sido + " " + sigungu + " " + dong;
    }

    public double metersTo(Region other) {
        return metersTo(other.lat, other.lng);
    }

    /** Great-circle (haversine) distance from this region's point to the given position. */
    public double metersTo(double lat2, double lng2) {
        return distance(lat, lng, lat2, lng2);
    }

    public static double distance(double lat1, double lng1, double lat2, double lng2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lng2 - lng1);
        double h =
                Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
