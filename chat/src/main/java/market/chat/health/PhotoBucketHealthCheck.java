package market.chat.health;

import jakarta.enterprise.context.ApplicationScoped;
import market.chat.storage.PhotoStore;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether this replica reaches the photo bucket. Reported, but never DOWN: without the bucket only photos fail
 * (uploads and fetches answer 503); text, offers and appointments go on. Taking every chat replica out of the
 * Service because the object store blinked would turn no photos into no chat (product, whose listings cannot show
 * without their photos, does go unready).
 */
@Readiness
@ApplicationScoped
public class PhotoBucketHealthCheck implements HealthCheck {

    private final PhotoStore store;

    public PhotoBucketHealthCheck(PhotoStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        String error = null;
        try {
            store.probe();
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName();
        }
        var response = HealthCheckResponse.named("photo-bucket").up().withData("bucket", store.name());
        response.withData("reachable", error == null);
        if (error != null) {
            response.withData("error", error);
        }
        return response.build();
    }
}
