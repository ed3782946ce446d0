package market.notify.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

@ConfigMapping(prefix = "market.notify")
public interface NotifyConfig {

    Fcm fcm();

    interface Fcm {
        /** Firebase service-account JSON file; absent means pushes are logged, not sent. */
        Optional<String> credentialsFile();
    }
}
