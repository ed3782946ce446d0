package market.product.domain;

/**
 * Karrot-style 거래후기 chips: a fixed list of codes with their Korean labels. Positive chips go with a GREAT or
 * GOOD rating, negative ones with BAD (a review mixing them is a 400).
 */
public enum ReviewChip {
    KIND("친절해요", true),
    ON_TIME("시간 약속을 잘 지켜요", true),
    FAST_REPLY("응답이 빨라요", true),
    GOOD_CONDITION("상품 상태가 설명과 같아요", true),
    FAIR_PRICE("좋은 가격에 거래했어요", true),
    LATE("약속 시간을 안 지켜요", false),
    SLOW_REPLY("응답이 느려요", false),
    RUDE("불친절해요", false),
    NOT_AS_DESCRIBED("상품 상태가 설명과 달라요", false),
    NO_SHOW("약속 장소에 나타나지 않았어요", false);

    private final String label;
    private final boolean positive;

    ReviewChip(String label, boolean positive) {
        this.label = label;
        this.positive = positive;
    }

    public String label() {
        return label;
    }

    public boolean positive() {
        return positive;
    }

    /** Whether the chip may go with the rating: positive chips with GREAT/GOOD, negative ones with BAD. */
    public boolean fits(Rating rating) {
        return positive == (rating != Rating.BAD);
    }

    /** The chip of a stored code, or null for a code no longer known (kept in the row, not shown). */
    public static ReviewChip ofCode(String code) {
        for (ReviewChip c : values()) {
            if (c.name().equals(code)) {
                return c;
            }
        }
        return null;
    }
}
