package market.product.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "market.regions")
public interface RegionConfig {

    /**
     * Posting a listing needs a verified 동네 (동네 인증), and the listing is in it. Off (development, tests): a
     * listing may name any region ({@code regionCode}, or a unique 동 name in {@code region}) or takes the seller's
     * 동네 whether verified or not.
     */
    @WithDefault("true")
    boolean requireVerified();

    /**
     * 동네 인증 passes when the position is within this many metres of the 동's point, or when the 동's point is the
     * nearest to the position (a position inside a large rural 읍·면 can be farther than this from its point).
     */
    @WithDefault("3000")
    int verifyRadiusMeters();
}
