package market.product.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import market.common.api.ApiException;
import market.common.limits.Action;
import market.product.domain.ProductImage;
import market.product.storage.ImageFormat;
import market.product.storage.ImageProcessor;
import market.product.storage.ImageStore;
import market.product.storage.ProcessedImage;
import market.product.storage.ProductImageStore;
import org.jboss.logging.Logger;

/**
 * Photo upload: everything is checked and processed first, the objects are stored next, and only then
 * are the rows inserted in one transaction. A failed upload or insert removes what was stored, so no
 * row ever points at a missing object.
 */
@ApplicationScoped
public class ImageService {

    private static final Logger LOG = Logger.getLogger(ImageService.class);

    private final ProductImageStore rows;
    private final ProductService products;
    private final ImageProcessor processor;
    private final ImageStore store;
    private final ImageCleanup cleanup;

    public ImageService(
            ProductImageStore rows,
            ProductService products,
            ImageProcessor processor,
            ImageStore store,
            ImageCleanup cleanup) {
        this.rows = rows;
        this.products = products;
        this.processor = processor;
        this.store = store;
        this.cleanup = cleanup;
    }

    /** One uploaded file, already read and size-checked by the API layer. */
    public record Upload(byte[] bytes) {}

    /** A processed photo stored in the bucket, not yet recorded. */
    private record Stored(
            String objectKey,
            String thumbKey,
            String contentType,
            String thumbContentType,
            int width,
            int height,
            long sizeBytes) {}

    @RateLimited(Action.UPLOAD)
    public List<ProductImage> add(Caller caller, long productId, List<Upload> uploads) {
        checkRoom(caller, productId, uploads.size());
        List<ProcessedImage> processed =
                uploads.stream().map(u -> processor.process(u.bytes())).toList();
        List<Stored> images = new ArrayList<>();
        List<String> stored = new ArrayList<>();
        try {
            for (ProcessedImage img : processed) {
                String objectKey = UUID.randomUUID().toString();
                store.put(objectKey, img.bytes(), img.format().contentType());
                stored.add(objectKey);
                String thumbKey;
                if (img.thumbnail() != null) {
                    thumbKey = UUID.randomUUID().toString();
                    store.put(thumbKey, img.thumbnail(), img.thumbnailType());
                    stored.add(thumbKey);
                } else {
                    thumbKey = objectKey;
                }
                String contentType = img.format().contentType();
                images.add(new Stored(
                        objectKey,
                        thumbKey,
                        contentType,
                        img.thumbnail() != null ? img.thumbnailType() : contentType,
                        img.width(),
                        img.height(),
                        img.bytes().length));
            }
        } catch (RuntimeException e) {
            LOG.warnf("Photo upload to the bucket failed: %s", e.toString());
            removeQuietly(stored);
            throw ApiException.unavailable("Photo storage is unavailable, please try again", 5);
        }
        try {
            return insert(caller, productId, images);
        } catch (RuntimeException e) {
            removeQuietly(stored);
            throw e;
        }
    }

    @Transactional
    void checkRoom(Caller caller, long productId, int adding) {
        products.lockOwned(caller, productId);
        long existing = count(productId);
        if (existing + adding > ProductImage.MAX_PER_PRODUCT) {
            throw ApiException.unprocessable(
                    "A listing has at most " + ProductImage.MAX_PER_PRODUCT + " photos (it has " + existing + ")");
        }
    }

    @Transactional
    List<ProductImage> insert(Caller caller, long productId, List<Stored> images) {
        checkRoom(caller, productId, images.size());
        List<ProductImage> out = new ArrayList<>(images.size());
        for (Stored i : images) {
            out.add(rows.insert(
                    productId,
                    i.objectKey(),
                    i.thumbKey(),
                    i.contentType(),
                    i.thumbContentType(),
                    i.width(),
                    i.height(),
                    i.sizeBytes(),
                    Clock.now()));
        }
        return out;
    }

    @Transactional
    public void remove(Caller caller, long productId, long imageId) {
        products.lockOwned(caller, productId);
        ProductImage img = rows.find(imageId).orElse(null);
        if (img == null || img.productId() != productId) {
            throw ApiException.notFound("Image " + imageId);
        }
        cleanup.forgetImage(imageId);
    }

    @Transactional
    public List<ProductImage> of(long productId) {
        return rows.of(productId);
    }

    /**
     * The content type our own record gives this photo or thumbnail key if a live listing shows it, else null.
     * The bucket's idea of the type is never used: whoever can write to the store must not choose it.
     */
    @Transactional
    public String publishedType(String key) {
        return rows.publishedType(key).orElse(null);
    }

    /** A stored photo being read; the HTTP layer closes the stream when it is sent. */
    public record Opened(java.io.InputStream stream, ImageFormat format, Long length) {}

    private static final java.util.regex.Pattern KEY =
            java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /**
     * The photo or thumbnail under this key if a live listing shows it, else 404. Its first bytes must be the
     * format we stored: an object replaced in the store by something else is refused, not served.
     */
    public Opened open(String key) {
        String type = KEY.matcher(key).matches() ? publishedType(key) : null;
        ImageFormat format = type == null ? null : ImageFormat.ofContentType(type);
        if (format == null) {
            throw ApiException.notFound("Image");
        }
        var object = store.get(key);
        if (object == null) {
            throw ApiException.notFound("Image");
        }
        java.io.BufferedInputStream in = new java.io.BufferedInputStream(object, 8192);
        byte[] head;
        try {
            in.mark(ImageFormat.SIGNATURE_LENGTH);
            head = in.readNBytes(ImageFormat.SIGNATURE_LENGTH);
            in.reset();
        } catch (java.io.IOException e) {
            closeQuietly(in);
            throw ApiException.unavailable("Photo storage is unavailable, please try again", 5);
        }
        if (ImageFormat.detect(head) != format) {
            closeQuietly(in);
            LOG.errorf("Object %s in the bucket is not the %s recorded for it; refusing to serve it", key, format);
            throw ApiException.notFound("Image");
        }
        return new Opened(in, format, object.response().contentLength());
    }

    private static void closeQuietly(java.io.InputStream in) {
        try {
            in.close();
        } catch (java.io.IOException e) {
            LOG.debugf("closing an object stream: %s", e.toString());
        }
    }

    private long count(long productId) {
        return rows.count(productId);
    }

    private void removeQuietly(List<String> keys) {
        for (String key : keys) {
            try {
                store.delete(key);
            } catch (RuntimeException e) {
                LOG.warnf("Could not remove object %s after a failed upload: %s", key, e.toString());
            }
        }
    }
}
