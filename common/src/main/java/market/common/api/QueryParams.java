package market.common.api;

import market.common.text.TextRules;

/**
 * Request parameters are taken as text and parsed here, so a wrong value is answered as problem+json
 * naming the parameter, never as the framework's bare 404 for a parameter it could not convert. Absent or
 * blank optional parameters are null.
 */
public final class QueryParams {

    private QueryParams() {}

    /** A whole number within min..max, or a 400 that says which of the two it is not. */
    public static Long optionalLong(String name, String raw, long min, long max) {
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

    /** An id of at least min; anything else is a 400 with the one message {@code must}. */
    public static Long optionalId(String name, String raw, long min, String must) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(raw.strip());
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(name, must);
    }

    /** Single-line text of at most maxLength characters, stripped and in NFC (as stored text is). */
    public static String optionalText(String name, String raw, int maxLength) {
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

    /** A decimal number within min..max (a coordinate, say); NaN, infinities and exponents are not accepted. */
    public static Double optionalDecimal(String name, String raw, double min, double max) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        if (!value.matches("[+-]?[0-9]{1,4}(\\.[0-9]{1,12})?")) {
            throw ApiException.badRequest(name, "must be a decimal number such as 37.49994");
        }
        double d = Double.parseDouble(value);
        if (d < min || d > max) {
            throw ApiException.badRequest(name, "must be between " + min + " and " + max);
        }
        return d;
    }

    /** One of the enum's constant names, exactly; anything else is a 400 "unknown value". */
    public static <E extends Enum<E>> E optionalEnum(String name, String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name, "unknown value");
        }
    }

    /** A path id: a value that is no number names no resource, so it is a 404 "{what} not found". */
    public static long pathId(String raw, String what) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiException.notFound(what);
        }
    }
}
