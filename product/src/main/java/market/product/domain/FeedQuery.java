package market.product.domain;

/**
 * Feed filters, all optional, already parsed and range-checked by the API layer. {@code regionCodes}: the 동 a range
 * reaches (null: no range); {@code region}: a 동 name (deprecated filter).
 */
public record FeedQuery(
        String q,
        String category,
        String[] regionCodes,
        String region,
        ProductStatus status,
        Long minPrice,
        Long maxPrice,
        String sellerId,
        Sort sort) {

    /** The same filters over another place: the 동 a range reaches (null: none) and a 동 name (null: none). */
    public FeedQuery withPlace(String[] regionCodes, String region) {
        return new FeedQuery(q, category, regionCodes, region, status, minPrice, maxPrice, sellerId, sort);
    }

    public enum Sort {
        LATEST("latest"),
        PRICE_ASC("price_asc"),
        PRICE_DESC("price_desc"),
        POPULAR("popular");

        private final String param;

        Sort(String param) {
            this.param = param;
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
