package market.product.api;

import market.common.api.ApiException;
import market.common.text.TextRules;

/** Query parameters are taken as text and parsed here, so a wrong value is a 400 naming the parameter. */
final class QueryParams {

    private QueryParams() {
    }

    static Long optionalLong(String name, String raw, long min, long max) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        long value;
        try {
            value = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, "must be a whole number");
        }
        if (value < min || value > max) {
            throw ApiException.badRequest(name, "must be between " + min + " and " + max);
        }
        return value;
    }

    static String optionalText(String name, String raw, int maxLength) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        String violation = TextRules.violation(value, 0, maxLength, true);
        if (violation != null) {
            throw ApiException.badRequest(name, violation);
        }
        // stored text is NFC, so a decomposed query must be too to find it
        return TextRules.nfc(value);
    }

    static <E extends Enum<E>> E optionalEnum(String name, String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name, "unknown value");
        }
    }

    /** An opaque If-Match value of ours is the quoted version number; anything else can never match. */
    static Integer ifMatchVersion(String ifMatch) {
        if (ifMatch == null) {
            return null;
        }
        String v = ifMatch.strip().replace("W/", "").replace("\"", "");
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * If-Match and the body's version both name the version the client edited; when they disagree the
     * body was edited from another version than the one the header vouches for, so applying it could
     * overwrite a change the client never saw. The edit is refused as stale (409) before anything is read.
     */
    static void agreeingVersions(Integer fromHeader, Integer fromBody) {
        // an If-Match that is not one of our ETags (-1) can never match: that stays a 412
        if (fromHeader != null && fromHeader >= 0 && fromBody != null && !fromHeader.equals(fromBody)) {
            throw ApiException.conflict("The body's version " + fromBody + " does not match If-Match "
                    + fromHeader + "; reload and retry");
        }
    }
}
