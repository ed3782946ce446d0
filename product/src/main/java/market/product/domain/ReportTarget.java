package market.product.domain;

/** What a report is about. Its id is text for all four: listings, comments and messages in decimal, users by sub. */
public enum ReportTarget {
    LISTING,
    USER,
    COMMENT,
    MESSAGE
}
