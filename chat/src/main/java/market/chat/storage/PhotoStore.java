package market.chat.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import market.chat.config.ChatConfig;
import market.common.images.S3PhotoBucket;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Chat photo objects: in the private bucket of listing photos, under the key prefix {@code chat/} followed by a
 * random UUID (the only part a client ever names). Nothing else of chat is in the bucket.
 */
@ApplicationScoped
public class PhotoStore extends S3PhotoBucket {

    public static final String KEY_PREFIX = "chat/";

    /** Only the room's two parties may see a chat photo: their browsers may keep it, no shared cache may. */
    public static final String CACHE_CONTROL = "private, max-age=31536000, immutable";

    @Inject
    public PhotoStore(S3Client s3, ChatConfig config) {
        super(s3, config.bucket(), CACHE_CONTROL);
    }

    /** The object key of the photo a client names by {@code key} (the random part). */
    public static String objectKey(String key) {
        return KEY_PREFIX + key;
    }

    /** The random part of an object key, which is what URLs carry. */
    public static String keyPart(String objectKey) {
        if (!objectKey.startsWith(KEY_PREFIX)) {
            throw new IllegalStateException("Not a chat photo key: " + objectKey);
        }
        return objectKey.substring(KEY_PREFIX.length());
    }
}
