package market.notify.push;

import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import market.notify.config.NotifyConfig;
import org.jboss.logging.Logger;

/** Real FCM when credentials (or a fake FCM endpoint) are configured, otherwise a logging stand-in. */
@ApplicationScoped
public class PushSenderProducer {

    private static final Logger LOG = Logger.getLogger(PushSenderProducer.class);

    @Produces
    @Singleton
    @Startup
    PushSender sender(NotifyConfig config, Vertx vertx) {
        NotifyConfig.Fcm fcm = config.fcm();
        boolean credentials = fcm.credentialsFile().filter(s -> !s.isBlank()).isPresent()
                || fcm.credentialsJson().filter(s -> !s.isBlank()).isPresent();
        if (credentials || fcm.endpointOverride().isPresent()) {
            LOG.infof(
                    "Push: FCM HTTP v1%s",
                    fcm.endpointOverride().map(e -> " via " + e).orElse(" to FCM"));
            return new FirebasePushSender(fcm, vertx);
        }
        LOG.warn("Push: no FCM credentials configured (market.notify.fcm.credentials-file / credentials-json);"
                + " pushes are logged, not sent");
        return new LoggingPushSender();
    }

    void close(@Disposes PushSender sender) {
        sender.close();
    }
}
