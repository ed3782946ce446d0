package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import market.product.config.ProductConfig;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.s3.S3Client;

/** Ready only when the image bucket answers: without it listings cannot show or take photos. */
@Readiness
@ApplicationScoped
public class ImageBucketHealthCheck implements HealthCheck {

    private final S3Client s3;
    private final ProductConfig config;

    public ImageBucketHealthCheck(S3Client s3, ProductConfig config) {
        this.s3 = s3;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        String bucket = config.bucket();
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return HealthCheckResponse.named("image-bucket")
                    .up()
                    .withData("bucket", bucket)
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("image-bucket")
                    .down()
                    .withData("bucket", bucket)
                    .withData("error", e.getClass().getSimpleName())
                    .build();
        }
    }
}
