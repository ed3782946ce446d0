package market.product.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "market.images")
public interface ProductConfig {

    /** Private bucket holding listing photos and thumbnails. */
    @WithDefault("market-images")
    String bucket();
}
