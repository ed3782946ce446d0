package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import market.product.config.ProductConfig;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Photo objects in the private bucket, addressed by random keys only. */
@ApplicationScoped
public class ImageStore {

    public static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    private final S3Client s3;
    private final ProductConfig config;

    public ImageStore(S3Client s3, ProductConfig config) {
        this.s3 = s3;
        this.config = config;
    }

    public void put(String key, byte[] bytes, String contentType) {
        s3.putObject(
                b -> b.bucket(config.bucket()).key(key).contentType(contentType).cacheControl(CACHE_CONTROL),
                RequestBody.fromBytes(bytes));
    }

    /** The object, or null when the bucket has no such key. The caller closes the stream. */
    public ResponseInputStream<GetObjectResponse> get(String key) {
        try {
            return s3.getObject(b -> b.bucket(config.bucket()).key(key));
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(config.bucket()).key(key));
    }
}
