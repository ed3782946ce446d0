package market.product.domain;

/** 판매중 / 예약중 / 거래완료. */
public enum ProductStatus {
    ON_SALE,
    RESERVED,
    SOLD
}
