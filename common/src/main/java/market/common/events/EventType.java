package market.common.events;

/**
 * The kinds of personal event product and chat send to notify. Part of the internal event contract: the
 * name travels on the wire, and notify refuses a type it does not know.
 */
public enum EventType {
    CHAT_MESSAGE,
    COMMENT,
    LIKE,
    PRICE_DROP,
    REVIEW,
    TRADE,
    KEYWORD_MATCH,
    /** 거래완료: each party of the trade is asked to leave a 거래후기. */
    REVIEW_REQUEST,
    /** The outcome of a report the recipient filed (moderation). */
    REPORT_RESULT,
    /** 가격 제안: a buyer offered a price in chat; to the seller. */
    PRICE_OFFER
}
