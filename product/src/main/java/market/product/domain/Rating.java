package market.product.domain;

import java.math.BigDecimal;

/** 거래후기 rating and how far it moves the other party's manner temperature. */
public enum Rating {
    GREAT("0.5"),
    GOOD("0.2"),
    BAD("-0.5");

    public static final BigDecimal MIN_TEMPERATURE = BigDecimal.ZERO;
    public static final BigDecimal MAX_TEMPERATURE = new BigDecimal("99.0");

    private final BigDecimal delta;

    Rating(String delta) {
        this.delta = new BigDecimal(delta);
    }

    public BigDecimal delta() {
        return delta;
    }

    /** The temperature after this rating, kept within 0..99 °C. */
    public BigDecimal apply(BigDecimal temperature) {
        BigDecimal moved = temperature.add(delta);
        return moved.max(MIN_TEMPERATURE).min(MAX_TEMPERATURE);
    }
}
