package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import market.common.images.S3PhotoBucket;
import market.product.config.ProductConfig;
import software.amazon.awssdk.services.s3.S3Client;

/** Listing photo objects in the private bucket, addressed by random keys only. */
@ApplicationScoped
public class ImageStore extends S3PhotoBucket {

    /** Listing photos are public: anyone may see a live listing, so shared caches may keep them. */
    public static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    @Inject
    public ImageStore(S3Client s3, ProductConfig config) {
        super(s3, config.bucket(), CACHE_CONTROL);
    }
}
