package market.product.api;

import java.math.BigDecimal;

/** What anyone may see about a user: never the email or anything else from the token. */
public record PublicProfile(
        String id, String nickname, String region, BigDecimal mannerTemperature, long onSaleCount, long soldCount) {}
