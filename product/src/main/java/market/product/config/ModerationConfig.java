package market.product.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "market.moderation")
public interface ModerationConfig {

    /**
     * How long a replica keeps the prohibited-word list (read on every listing write) before reading it again. A
     * change applies at once on the replica that made it and on the others within this time.
     */
    @WithDefault("30s")
    Duration prohibitedWordsTtl();

    /** Base URL of the chat service, whose /internal/messages/{id} a report of a chat message reads. */
    @WithDefault("http://127.0.0.1:8082")
    String chatUrl();
}
