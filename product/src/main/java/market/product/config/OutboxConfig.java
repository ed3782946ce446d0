package market.product.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "market.outbox")
public interface OutboxConfig {

    /** How often the relay looks for due events (read by the @Scheduled job). */
    @WithDefault("2s")
    String interval();

    /** Events claimed per relay round; rounds follow each other while they come back full. */
    @WithDefault("200")
    int batchSize();

    /** Events of a round sent at the same time (each is one call to notify or Keycloak). */
    @WithDefault("8")
    int concurrency();

    /** Wait after the first failed delivery; doubles with each further failure. */
    @WithDefault("PT2S")
    Duration backoffBase();

    /** Longest wait between two delivery attempts of one event. */
    @WithDefault("PT5M")
    Duration backoffMax();

    /** How long delivered events are kept (their idempotency keys then still suppress repeats). */
    @WithDefault("P7D")
    Duration retention();

    /** How long a claimed event is hidden from other relays (replicas) while it is being sent. */
    @WithDefault("PT60S")
    Duration lease();
}
