package market.product.api;

import market.common.api.ApiException;
import market.product.domain.Category;

/** A category code from the client must be one of {@link Category}. */
final class CategoryCodes {

    private CategoryCodes() {}

    static String check(String code) {
        try {
            return Category.valueOf(code.strip()).code();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("category", "unknown category");
        }
    }
}
