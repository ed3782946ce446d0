package market.product.domain;

/** OPEN until an admin acts on its target: RESOLVED by an action, DISMISSED when nothing was done. */
public enum ReportStatus {
    OPEN,
    RESOLVED,
    DISMISSED
}
