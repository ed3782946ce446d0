package market.product.api;

import market.common.api.ApiException;

/** The If-Match header of an edit, checked against the version the edited body names. */
final class IfMatch {

    private IfMatch() {}

    /** An opaque If-Match value of ours is the quoted version number; anything else can never match. */
    static Integer version(String ifMatch) {
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
    static void agreeing(Integer fromHeader, Integer fromBody) {
        // an If-Match that is not one of our ETags (-1) can never match: that stays a 412
        if (fromHeader != null && fromHeader >= 0 && fromBody != null && !fromHeader.equals(fromBody)) {
            throw ApiException.conflict(
                    "The body's version " + fromBody + " does not match If-Match " + fromHeader + "; reload and retry");
        }
    }
}
