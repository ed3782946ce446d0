package market.common.images;

import java.io.InputStream;

/**
 * The private bucket photo objects live in, as the photo pipeline uses it. Each service that takes photos adapts its
 * own S3 client and bucket setting to this; {@link PhotoObjects} holds the rules every one of them follows.
 */
public interface ObjectBucket {

    /** An object's bytes from their start, and their length when the store gave it. The caller closes the stream. */
    record StoredObject(InputStream stream, Long length) {}

    /** The bucket's name (for readiness and logs). */
    String name();

    void put(String key, byte[] bytes, String contentType);

    /** The object, or null when the bucket has no such key. */
    StoredObject get(String key);

    void delete(String key);

    /** Returns when the bucket answers and exists, throws otherwise (readiness). */
    void probe();
}
