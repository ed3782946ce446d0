package market.common.api;

import static market.common.api.CursorTest.assertBadRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParamsTest {

    enum Colour {
        RED,
        GREEN
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void absentOptionalParametersAreNull(String raw) {
        assertNull(QueryParams.optionalLong("n", raw, 0, 10));
        assertNull(QueryParams.optionalId("n", raw, 0, "must be an id"));
        assertNull(QueryParams.optionalText("n", raw, 10));
        assertNull(QueryParams.optionalEnum("n", raw, Colour.class));
    }

    @ParameterizedTest(name = "''{0}'' → {1}")
    @CsvSource(
            delimiter = '|',
            value = {"0 | 0", "' 10 ' | 10", "+5 | 5"})
    void longWithinBounds(String raw, long expected) {
        assertEquals(expected, QueryParams.optionalLong("minPrice", raw, 0, 10));
    }

    @ParameterizedTest(name = "''{0}'': {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "abc   | must be a whole number",
                "1.5   | must be a whole number",
                "1e3   | must be a whole number",
                "99999999999999999999 | must be a whole number",
                "-1    | must be between 0 and 10",
                "11    | must be between 0 and 10"
            })
    void badLongSaysWhatIsWrong(String raw, String message) {
        assertBadRequest(
                assertThrows(ApiException.class, () -> QueryParams.optionalLong("minPrice", raw, 0, 10)),
                "minPrice",
                message);
    }

    @ParameterizedTest(name = "''{0}'' → {1}")
    @CsvSource(
            delimiter = '|',
            value = {"1 | 1", "' 42 ' | 42", "9223372036854775807 | 9223372036854775807"})
    void idOfAtLeastMin(String raw, long expected) {
        assertEquals(expected, QueryParams.optionalId("productId", raw, 1, "must be a listing id"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"0", "-3", "x", "1.0", "9223372036854775808"})
    void badIdAnswersTheOneMessage(String raw) {
        assertBadRequest(
                assertThrows(
                        ApiException.class, () -> QueryParams.optionalId("productId", raw, 1, "must be a listing id")),
                "productId",
                "must be a listing id");
    }

    @Test
    void idMayStartAtZero() {
        assertEquals(0L, QueryParams.optionalId("Last-Event-ID", "0", 0, "must be a notification id"));
        assertBadRequest(
                assertThrows(
                        ApiException.class,
                        () -> QueryParams.optionalId("Last-Event-ID", "-1", 0, "must be a notification id")),
                "Last-Event-ID",
                "must be a notification id");
    }

    @Test
    void textIsStrippedAndNfc() {
        String decomposed = "\u1112\u1161\u11AB"; // 한, decomposed
        assertEquals("한", QueryParams.optionalText("q", "  " + decomposed + " ", 1));
    }

    @Test
    void textTooLongOrMultiLineIsA400NamingTheParameter() {
        assertBadRequest(
                assertThrows(ApiException.class, () -> QueryParams.optionalText("q", "abcd", 3)),
                "q",
                "must be at most 3 characters");
        ApiException twoLines = assertThrows(ApiException.class, () -> QueryParams.optionalText("q", "a\nb", 10));
        assertEquals("q", twoLines.toProblem().errors().get(0).field());
    }

    @Test
    void enumByExactName() {
        assertEquals(Colour.GREEN, QueryParams.optionalEnum("status", " GREEN ", Colour.class));
        assertBadRequest(
                assertThrows(ApiException.class, () -> QueryParams.optionalEnum("status", "green", Colour.class)),
                "status",
                "unknown value");
    }

    @Test
    void pathIdThatIsNoNumberIsNotFound() {
        assertEquals(7L, QueryParams.pathId("7", "Notice"));
        assertEquals(-7L, QueryParams.pathId("-7", "Notice"));
        for (String raw : new String[] {"x", " 7", "", "99999999999999999999"}) {
            ApiException e = assertThrows(ApiException.class, () -> QueryParams.pathId(raw, "Notice"));
            Problem p = e.toProblem();
            assertEquals(404, p.status());
            assertEquals("Not Found", p.title());
            assertEquals("Notice not found", p.detail());
            assertNull(p.errors());
        }
    }
}
