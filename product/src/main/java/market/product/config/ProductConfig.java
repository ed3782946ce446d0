package market.product.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "market.images")
public interface ProductConfig {

    /** Private bucket holding listing photos and thumbnails. */
    @WithDefault("market-images")
    String bucket();

    /** How often photos of deleted listings are removed from the bucket (read by the @Scheduled job). */
    @WithDefault("30s")
    String cleanupInterval();
}
