package market.product.domain;

import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * A word listings may not contain. {@code word} is the folded form compared against folded text (see
 * {@link #fold}); {@code display} is what the admin typed, named in the refusal.
 */
public record ProhibitedWord(long id, String word, String display, OffsetDateTime createdAt) {

    /**
     * NFKC (full-width and compatibility forms to plain ones), lower case, and only letters and digits kept, so
     * "반려 동물 분양", "반려동물-분양" and "ＴＯＢＡＣＣＯ" all meet the word written without spaces.
     */
    public static String fold(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(n.length());
        n.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString();
    }
}
