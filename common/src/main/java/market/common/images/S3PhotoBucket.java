package market.common.images;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A private S3 bucket as {@link ObjectBucket}. Each service that takes photos makes its store a CDI bean by
 * extending this with its S3 client, its bucket setting and the Cache-Control its objects carry.
 */
public class S3PhotoBucket implements ObjectBucket {

    private final S3Client s3;
    private final String bucket;
    private final String cacheControl;

    /** Only for the CDI client proxy of a subclass bean, which calls no method of its own. */
    protected S3PhotoBucket() {
        this(null, null, null);
    }

    protected S3PhotoBucket(S3Client s3, String bucket, String cacheControl) {
        this.s3 = s3;
        this.bucket = bucket;
        this.cacheControl = cacheControl;
    }

    @Override
    public String name() {
        return bucket;
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        s3.putObject(
                b -> b.bucket(bucket).key(key).contentType(contentType).cacheControl(cacheControl),
                RequestBody.fromBytes(bytes));
    }

    @Override
    public StoredObject get(String key) {
        ResponseInputStream<GetObjectResponse> object;
        try {
            object = s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return null;
        }
        return new StoredObject(object, object.response().contentLength());
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    @Override
    public void probe() {
        s3.headBucket(b -> b.bucket(bucket));
    }
}
