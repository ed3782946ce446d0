package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import market.common.images.PhotoObjects;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the image bucket answers: without it listings cannot show or take photos. */
@Readiness
@ApplicationScoped
public class ImageBucketHealthCheck implements HealthCheck {

    private final ImageStore store;

    public ImageBucketHealthCheck(ImageStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        return PhotoObjects.readiness("image-bucket", store);
    }
}
