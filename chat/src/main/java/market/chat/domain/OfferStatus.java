package market.chat.domain;

/** Where a 가격 제안 stands: open until the seller accepts or declines it, or the buyer withdraws it. */
public enum OfferStatus {
    PENDING,
    ACCEPTED,
    DECLINED,
    WITHDRAWN
}
