package market.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import market.common.json.StrictJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextRulesTest {

    private static final String NFD_HANGUL = "\u1112\u1161\u11AB\u1100\u1173\u11AF"; // 한글, decomposed

    @ParameterizedTest(name = "{0}: {1} code points")
    @CsvSource(
            delimiter = '|',
            value = {
                "ascii            | abc | 3",
                "hangul           | 한글 | 2",
                "emoji            | 😀 | 1",
                "emoji and hangul | 😀한😀 | 3",
                "flag (2 regional indicators) | 🇰🇷 | 2"
            })
    void lengthCountsCodePoints(String name, String text, int expected) {
        assertEquals(expected, TextRules.length(text));
    }

    @Test
    void decomposedHangulIsMeasuredAfterNfc() {
        assertEquals(6, NFD_HANGUL.length());
        assertEquals(2, TextRules.length(NFD_HANGUL));
        assertEquals("한글", TextRules.nfc(NFD_HANGUL));
        assertNull(TextRules.violation(NFD_HANGUL, 1, 2, true));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "100 emoji fit 100     | 100 | 100 | true",
                "101 emoji exceed 100  | 101 | 100 | false",
                "1 fits 1..1           | 1   | 1   | true"
            })
    void emojiLengthBoundary(String name, int count, int max, boolean ok) {
        String text = "😀".repeat(count);
        assertEquals(ok, TextRules.violation(text, 1, max, true) == null, name);
    }

    @ParameterizedTest(name = "U+{0} single-line={1} allowed={2}")
    @CsvSource({
        "202E, true, false",
        "202E, false, false",
        "202A, false, false",
        "2066, true, false",
        "2069, true, false",
        "2067, false, true",
        "200F, true, false",
        "200E, true, false",
        "200F, false, true",
        "061C, true, false",
        "0000, false, false",
        "0007, true, false",
        "0085, false, false",
        "009B, true, false",
        "000A, true, false",
        "000A, false, true",
        "0009, true, false",
        "000D, false, true",
        "2028, true, false",
        "AC00, true, true",
        "00E9, true, true",
        "200D, true, true"
    })
    void forbiddenCharacters(String hex, boolean singleLine, boolean allowed) {
        String text = "a" + new String(Character.toChars(Integer.parseInt(hex, 16))) + "b";
        String violation = TextRules.violation(text, 1, 100, singleLine);
        assertEquals(allowed, violation == null, "U+" + hex + ": " + violation);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"\uD800", "a\uDC00", "\uDBFF\uDBFF", "x\uD83D"})
    void loneSurrogatesAreRefused(String text) {
        assertNotNull(TextRules.violation(text, 0, 100, false));
    }

    @Test
    void truncationNeverSplitsAPair() {
        assertEquals("😀😀", TextRules.truncate("😀😀😀", 2));
        assertEquals("😀…", TextRules.abbreviate("😀😀😀", 2));
        assertEquals("😀😀", TextRules.abbreviate("😀😀", 2));
    }

    @Test
    void jsonStringsArriveInNfcAndLoneSurrogatesAreRefusedWithTheirPath() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        record Body(String title) {}
        assertEquals(
                "한글",
                mapper.readValue("{\"title\":\"" + NFD_HANGUL + "\"}", Body.class)
                        .title());
        assertEquals(
                "한글",
                mapper.readValue("{\"title\":\"\\u1112\\u1161\\u11ab\\u1100\\u1173\\u11af\"}", Body.class)
                        .title());
        NfcStrings.BrokenText e = org.junit.jupiter.api.Assertions.assertThrows(
                NfcStrings.BrokenText.class, () -> mapper.readValue("{\"title\":\"a\\ud800b\"}", Body.class));
        assertEquals("title", e.getPath().get(0).getFieldName());
        org.junit.jupiter.api.Assertions.assertThrows(
                JsonMappingException.class, () -> mapper.readValue("{\"title\":42}", Body.class));
    }
}
