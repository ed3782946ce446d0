package market.chat.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "market.chat")
public interface ChatConfig {

    /** Base URL of the product service (a Kubernetes Service name in a cluster). */
    @WithDefault("http://127.0.0.1:8081")
    String productUrl();

    @WithDefault("1000")
    int maxMessageLength();
}
