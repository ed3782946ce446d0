package market.product.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Nicknames that would let a user pass for the operator. Compared after NFKC (full-width "ＡＤＭＩＮ" is
 * "ADMIN"), lower-casing and dropping everything but letters and digits ("Ad min", "운영자 ", "a.d.m.i.n"),
 * so spacing, width and punctuation tricks fold to the word. Generic words match exactly ("badminton"
 * stays allowed); the service's own names and staff titles are refused anywhere in the nickname
 * ("땅근마켓공식", "운영자님").
 */
public final class ReservedNames {

    private static final Set<String> EXACT = Set.of(
            "admin",
            "administrator",
            "root",
            "system",
            "sysadmin",
            "official",
            "moderator",
            "mod",
            "staff",
            "support",
            "helpdesk",
            "operator",
            "manager",
            "webmaster",
            "security",
            "notice",
            "null",
            "undefined",
            "공식",
            "시스템",
            "관리",
            "운영",
            "매니저",
            "공지",
            "공지사항",
            "알림",
            "어드민",
            "땅근",
            "당근");

    private static final Set<String> ANYWHERE =
            Set.of("운영자", "관리자", "운영팀", "고객센터", "고객지원", "땅근마켓", "당근마켓", "ddangn", "karrot");

    private ReservedNames() {}

    public static boolean isReserved(String nickname) {
        String folded = fold(nickname);
        return EXACT.contains(folded) || ANYWHERE.stream().anyMatch(folded::contains);
    }

    static String fold(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(n.length());
        n.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString();
    }
}
