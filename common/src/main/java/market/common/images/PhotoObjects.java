package market.common.images;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import market.common.api.ApiException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

/**
 * How processed photos go into a private bucket and come back out, the same for listing photos (product) and chat
 * photos (chat). Objects get random keys only (nothing of the uploader's file name), and storing is all-or-nothing:
 * when one write fails, the objects already written are removed and the upload answers 503, so the caller records
 * nothing. Reading back trusts only the caller's record of the format: an object whose first bytes are not that
 * format (replaced in the store by someone who can write to it) is refused, never served as something else.
 */
public final class PhotoObjects {

    private static final Logger LOG = Logger.getLogger(PhotoObjects.class);

    /** The random part of every key (a UUID in lower-case hex), which is all a client ever names. */
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** How long a client should wait before retrying when the bucket failed. */
    public static final long RETRY_AFTER_SECONDS = 5;

    /** A processed photo written to the bucket, not yet recorded. A WebP is its own thumbnail (one object). */
    public record Stored(
            String objectKey,
            String thumbKey,
            String contentType,
            String thumbContentType,
            int width,
            int height,
            long sizeBytes) {

        /** The objects written for this photo. */
        public List<String> keys() {
            return objectKey.equals(thumbKey) ? List.of(objectKey) : List.of(objectKey, thumbKey);
        }
    }

    /** A stored photo being read, checked to be the recorded format; the HTTP layer closes the stream. */
    public record Opened(InputStream stream, ImageFormat format, Long length) {}

    private PhotoObjects() {}

    /** Whether {@code key} can be the random part of a key this pipeline made (anything else names no photo). */
    public static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /**
     * Writes each photo and its thumbnail under new keys {@code keyPrefix + UUID}, in order. When a write fails, what
     * was written is removed and 503 (with Retry-After) is thrown.
     */
    public static List<Stored> store(ObjectBucket bucket, String keyPrefix, List<ProcessedImage> images) {
        List<Stored> out = new ArrayList<>(images.size());
        List<String> written = new ArrayList<>();
        try {
            for (ProcessedImage img : images) {
                String contentType = img.format().contentType();
                String objectKey = keyPrefix + UUID.randomUUID();
                bucket.put(objectKey, img.bytes(), contentType);
                written.add(objectKey);
                String thumbKey = objectKey;
                String thumbType = contentType;
                if (img.thumbnail() != null) {
                    thumbKey = keyPrefix + UUID.randomUUID();
                    thumbType = img.thumbnailType();
                    bucket.put(thumbKey, img.thumbnail(), thumbType);
                    written.add(thumbKey);
                }
                out.add(new Stored(
                        objectKey, thumbKey, contentType, thumbType, img.width(), img.height(), img.bytes().length));
            }
        } catch (RuntimeException e) {
            LOG.warnf("Photo upload to bucket %s failed: %s", bucket.name(), e.toString());
            removeKeys(bucket, written);
            throw ApiException.unavailable("Photo storage is unavailable, please try again", RETRY_AFTER_SECONDS);
        }
        return out;
    }

    /** Removes the objects of photos that were written but will not be recorded; failures are only logged. */
    public static void remove(ObjectBucket bucket, List<Stored> stored) {
        removeKeys(bucket, stored.stream().flatMap(s -> s.keys().stream()).toList());
    }

    private static void removeKeys(ObjectBucket bucket, Collection<String> keys) {
        for (String key : keys) {
            try {
                bucket.delete(key);
            } catch (RuntimeException e) {
                LOG.warnf("Could not remove object %s after a failed upload: %s", key, e.toString());
            }
        }
    }

    /**
     * The object under {@code key}, which our record says is a {@code recorded} image: 404 when the bucket has no such
     * object or its first bytes are another format, 503 when it cannot be read.
     */
    public static Opened open(ObjectBucket bucket, String key, ImageFormat recorded) {
        ObjectBucket.StoredObject object;
        try {
            object = bucket.get(key);
        } catch (RuntimeException e) {
            LOG.warnf("Photo %s not read from bucket %s: %s", key, bucket.name(), e.toString());
            throw ApiException.unavailable("Photo storage is unavailable, please try again", RETRY_AFTER_SECONDS);
        }
        if (object == null) {
            throw ApiException.notFound("Image");
        }
        BufferedInputStream in = new BufferedInputStream(object.stream(), 8192);
        byte[] head;
        try {
            in.mark(ImageFormat.SIGNATURE_LENGTH);
            head = in.readNBytes(ImageFormat.SIGNATURE_LENGTH);
            in.reset();
        } catch (IOException e) {
            closeQuietly(in);
            throw ApiException.unavailable("Photo storage is unavailable, please try again", RETRY_AFTER_SECONDS);
        }
        if (ImageFormat.detect(head) != recorded) {
            closeQuietly(in);
            LOG.errorf("Object %s in the bucket is not the %s recorded for it; refusing to serve it", key, recorded);
            throw ApiException.notFound("Image");
        }
        return new Opened(in, recorded, object.length());
    }

    /** Readiness of a service that cannot show or take photos without its bucket. */
    public static HealthCheckResponse readiness(String check, ObjectBucket bucket) {
        try {
            bucket.probe();
            return HealthCheckResponse.named(check)
                    .up()
                    .withData("bucket", bucket.name())
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(check)
                    .down()
                    .withData("bucket", bucket.name())
                    .withData("error", e.getClass().getSimpleName())
                    .build();
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            LOG.debugf("closing an object stream: %s", e.toString());
        }
    }
}
