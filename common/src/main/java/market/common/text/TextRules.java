package market.common.text;

import java.text.Normalizer;

/**
 * The one rule for user text in every service. Text is stored in Unicode NFC, so "한글" typed on a Mac
 * (decomposed jamo) and on a phone (precomposed syllables) is the same string, searches match it and
 * it has one length. Lengths count code points after NFC: an emoji or a Hangul syllable is 1, as the
 * database's varchar counts it (String.length() would count 😀 as 2).
 *
 * <p>Refused everywhere: lone surrogates (not text; PostgreSQL would store them as "?") and C0/C1 control
 * characters except tab and line breaks in multi-line text. Names, titles and other single-line text also
 * refuse line breaks, tabs and every bidirectional control (embeddings, overrides, isolates, LRM/RLM/ALM),
 * which can make a name read as another (U+202E before "gnp.exe" shows "exe.png"); multi-line text refuses the embeddings and
 * overrides (U+202A–U+202E) but keeps isolates and marks that right-to-left writing needs.
 */
public final class TextRules {

    private TextRules() {}

    public static String nfc(String s) {
        return s == null || Normalizer.isNormalized(s, Normalizer.Form.NFC)
                ? s
                : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** Code points after NFC. */
    public static int length(String s) {
        String n = nfc(s);
        return n.codePointCount(0, n.length());
    }

    /** The first {@code max} code points, never splitting a surrogate pair. */
    public static String truncate(String s, int max) {
        if (s == null || s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max));
    }

    /** The first {@code max} code points, the last of them an ellipsis when something was cut. */
    public static String abbreviate(String s, int max) {
        if (s == null || s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return truncate(s, max - 1) + "…";
    }

    public static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return true;
            }
            if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why the value breaks the rule, or null when it keeps it. Null values keep it (absence is for
     * {@code @NotNull}/{@code @NotBlank} to judge).
     */
    public static String violation(String value, int min, int max, boolean singleLine) {
        if (value == null) {
            return null;
        }
        if (hasLoneSurrogate(value)) {
            return "contains a broken character (a lone UTF-16 surrogate)";
        }
        String s = nfc(value);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            String bad = forbidden(cp, singleLine);
            if (bad != null) {
                return "must not contain " + bad + " (U+" + String.format("%04X", cp) + ")";
            }
            i += Character.charCount(cp);
        }
        int length = s.codePointCount(0, s.length());
        if (length < min || length > max) {
            return min == 0
                    ? "must be at most " + max + " characters"
                    : "must be " + min + " to " + max + " characters";
        }
        return null;
    }

    private static String forbidden(int cp, boolean singleLine) {
        if (cp == '\n' || cp == '\r' || cp == '\t') {
            return singleLine ? "a line break or tab" : null;
        }
        if (Character.getType(cp) == Character.CONTROL) {
            return "a control character";
        }
        if (cp >= 0x202A && cp <= 0x202E) {
            return "a bidirectional override";
        }
        if (singleLine && ((cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C)) {
            return "a bidirectional control";
        }
        if (singleLine && (cp == 0x2028 || cp == 0x2029)) {
            return "a line break or tab";
        }
        return null;
    }
}
