package market.common.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque keyset cursor: a list of sort-key values encoded as URL-safe base64. Clients must not parse
 * it; a tampered cursor is a 400, never a 500.
 */
public record Cursor(String[] parts) {

    public static String encode(Object... values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append('\u001f');
            }
            sb.append(values[i]);
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor of exactly {@code arity} parts; null when there is none. */
    public static Cursor decode(String cursor, int arity) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\u001f", -1);
            if (parts.length != arity) {
                throw invalid();
            }
            return new Cursor(parts);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public long longAt(int i) {
        try {
            return Long.parseLong(parts[i]);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    public String stringAt(int i) {
        return parts[i];
    }

    private static ApiException invalid() {
        return ApiException.badRequest("cursor", "invalid cursor");
    }

    /** Parses a requested page size (query parameter) against the contract: 1..100, default 20. */
    public static int size(String raw) {
        if (raw == null || raw.isBlank()) {
            return Page.DEFAULT_SIZE;
        }
        int requested;
        try {
            requested = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("size", "must be a number");
        }
        if (requested < 1 || requested > Page.MAX_SIZE) {
            throw ApiException.badRequest("size", "must be between 1 and " + Page.MAX_SIZE);
        }
        return requested;
    }
}
