package market.product.domain;

/** Why a user reports something: the fixed list the reporting dialog offers. */
public enum ReportReason {
    PROHIBITED_ITEM,
    FRAUD,
    ABUSE,
    SPAM,
    OTHER
}
