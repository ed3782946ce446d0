package market.product.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How one review moves the manner temperature, and that it never leaves 0..99 °C. */
class RatingTest {

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
        "36.5, GREAT, 37.0",
        "36.5, GOOD, 36.7",
        "36.5, BAD, 36.0",
        "98.8, GREAT, 99.0",
        "99.0, GREAT, 99.0",
        "99.0, GOOD, 99.0",
        "0.3, BAD, 0",
        "0, BAD, 0",
        "0, GOOD, 0.2"
    })
    void movesByTheRatingWithinBounds(String before, Rating rating, String after) {
        assertEquals(0, new BigDecimal(after).compareTo(rating.apply(new BigDecimal(before))));
    }

    @ParameterizedTest(name = "{0} with {1}: {2}")
    @CsvSource({
        "KIND, GREAT, true",
        "KIND, GOOD, true",
        "KIND, BAD, false",
        "LATE, BAD, true",
        "LATE, GOOD, false",
        "NO_SHOW, GREAT, false"
    })
    void chipsFitTheirSideOfTheRating(ReviewChip chip, Rating rating, boolean fits) {
        assertEquals(fits, chip.fits(rating));
    }
}
