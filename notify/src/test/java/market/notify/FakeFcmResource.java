package market.notify;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts {@link FakeFcm} and points the real firebase-admin SDK of the service at it. */
public class FakeFcmResource implements QuarkusTestResourceLifecycleManager {

    private FakeFcm fake;

    @Override
    public Map<String, String> start() {
        fake = FakeFcm.start();
        System.setProperty(Fcm.URL_PROP, fake.baseUrl());
        return Map.of(
                "market.notify.fcm.endpoint-override", fake.baseUrl(), "market.notify.fcm.project-id", FakeFcm.PROJECT);
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.stop();
        }
    }
}
