package market.product.service;

import market.product.domain.ProductStatus;

/** Feed filters, all optional, already parsed and range-checked by the API layer. */
public record FeedQuery(
        String q,
        String category,
        String region,
        ProductStatus status,
        Long minPrice,
        Long maxPrice,
        String sellerId,
        Sort sort) {

    public enum Sort {
        LATEST("latest", "bumped_at"),
        PRICE_ASC("price_asc", "price"),
        PRICE_DESC("price_desc", "price"),
        POPULAR("popular", "like_count");

        private final String param;
        private final String column;

        Sort(String param, String column) {
            this.param = param;
            this.column = column;
        }

        /** The listing column ordered on (then id, in the same direction). */
        String column() {
            return column;
        }

        public String param() {
            return param;
        }

        public static Sort of(String param) {
            for (Sort s : values()) {
                if (s.param.equals(param)) {
                    return s;
                }
            }
            return null;
        }
    }
}
