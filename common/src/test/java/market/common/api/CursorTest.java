package market.common.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {

    @Test
    void roundTripsItsParts() {
        String token = Cursor.encode(1_700_000_000_000L, "한글 제목", 42);
        Cursor c = Cursor.decode(token, 3);
        assertEquals(1_700_000_000_000L, c.longAt(0));
        assertEquals("한글 제목", c.stringAt(1));
        assertEquals(42, c.longAt(2));
    }

    @Test
    void isUrlSafeWithoutPadding() {
        String token = Cursor.encode("??>>", "~~~");
        assertEquals(-1, token.indexOf('+'));
        assertEquals(-1, token.indexOf('/'));
        assertEquals(-1, token.indexOf('='));
    }

    @Test
    void keepsEmptyParts() {
        Cursor c = Cursor.decode(Cursor.encode("", 5, ""), 3);
        assertEquals("", c.stringAt(0));
        assertEquals("", c.stringAt(2));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void noCursorIsNull(String raw) {
        assertNull(Cursor.decode(raw, 2));
    }

    static Stream<Arguments> tamperedCursors() {
        return Stream.of(
                Arguments.of("not base64", "%%%"),
                Arguments.of("too few parts", encodeRaw("123")),
                Arguments.of("too many parts", encodeRaw("1\u001f2\u001f3")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperedCursors")
    void tamperedCursorIsA400NamingTheCursor(String name, String token) {
        assertBadRequest(assertThrows(ApiException.class, () -> Cursor.decode(token, 2)), "cursor", "invalid cursor");
    }

    @Test
    void nonNumericPartIsA400WhenReadAsNumber() {
        Cursor c = Cursor.decode(Cursor.encode("abc", 1), 2);
        assertEquals("abc", c.stringAt(0));
        assertBadRequest(assertThrows(ApiException.class, () -> c.longAt(0)), "cursor", "invalid cursor");
    }

    @ParameterizedTest(name = "''{0}'' → {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {"null  | 20", "''    | 20", "'  '  | 20", "1     | 1", "' 7 ' | 7", "100   | 100"})
    void sizeDefaultsAndAcceptsOneToHundred(String raw, int expected) {
        assertEquals(expected, Cursor.size(raw));
    }

    @ParameterizedTest(name = "''{0}'': {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "0    | must be between 1 and 100",
                "-1   | must be between 1 and 100",
                "101  | must be between 1 and 100",
                "abc  | must be a number",
                "1.5  | must be a number",
                "99999999999 | must be a number"
            })
    void badSizeIsA400NamingSize(String raw, String message) {
        assertBadRequest(assertThrows(ApiException.class, () -> Cursor.size(raw)), "size", message);
    }

    private static String encodeRaw(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static void assertBadRequest(ApiException e, String field, String message) {
        Problem p = e.toProblem();
        assertEquals(400, p.status());
        assertEquals("Bad Request", p.title());
        assertEquals("The request is invalid", p.detail());
        assertEquals(List.of(new Problem.FieldError(field, message)), p.errors());
    }
}
