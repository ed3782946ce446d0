package market.product.domain;

/**
 * How far the feed (and keyword and price-drop alerts) reach from a user's 동네: step 0 is their own 동 only, steps 1,
 * 2 and 3 add every 동 whose point lies within 3, 6 and 10 km of theirs (내 동네 / 근처 동네 / 조금 먼 동네 / 먼 동네).
 */
public final class RegionRange {

    public static final int MIN = 0;
    public static final int MAX = 3;
    /** A new profile's range: 근처 동네. */
    public static final int DEFAULT = 1;

    private static final int[] METERS = {0, 3_000, 6_000, 10_000};

    private RegionRange() {}

    /** The reach of a step, in metres (0 for the user's own 동 only). */
    public static int meters(int step) {
        if (step < MIN || step > MAX) {
            throw new IllegalArgumentException("range step " + step);
        }
        return METERS[step];
    }

    /** The widest reach, which bounds every neighbour list. */
    public static int maxMeters() {
        return METERS[MAX];
    }
}
