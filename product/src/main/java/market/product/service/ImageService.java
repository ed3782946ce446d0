package market.product.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import market.common.api.ApiException;
import market.common.images.ImageFormat;
import market.common.images.ImageProcessor;
import market.common.images.PhotoObjects;
import market.common.images.ProcessedImage;
import market.common.limits.Action;
import market.product.domain.ProductImage;
import market.product.storage.ImageStore;
import market.product.storage.ProductImageStore;

/**
 * Photo upload: everything is checked and processed first, the objects are stored next, and only then
 * are the rows inserted in one transaction. A failed upload or insert removes what was stored, so no
 * row ever points at a missing object.
 */
@ApplicationScoped
public class ImageService {

    private final ProductImageStore rows;
    private final ProductService products;
    private final ImageProcessor processor = new ImageProcessor();
    private final ImageStore store;
    private final ImageCleanup cleanup;

    public ImageService(ProductImageStore rows, ProductService products, ImageStore store, ImageCleanup cleanup) {
        this.rows = rows;
        this.products = products;
        this.store = store;
        this.cleanup = cleanup;
    }

    /** One uploaded file, already read and size-checked by the API layer. */
    public record Upload(byte[] bytes) {}

    @RateLimited(Action.UPLOAD)
    public List<ProductImage> add(Caller caller, long productId, List<Upload> uploads) {
        checkRoom(caller, productId, uploads.size());
        List<ProcessedImage> processed =
                uploads.stream().map(u -> processor.process(u.bytes())).toList();
        List<PhotoObjects.Stored> images = PhotoObjects.store(store, "", processed);
        try {
            return insert(caller, productId, images);
        } catch (RuntimeException e) {
            PhotoObjects.remove(store, images);
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
    List<ProductImage> insert(Caller caller, long productId, List<PhotoObjects.Stored> images) {
        checkRoom(caller, productId, images.size());
        List<ProductImage> out = new ArrayList<>(images.size());
        for (PhotoObjects.Stored i : images) {
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

    /**
     * The photo or thumbnail under this key if a live listing shows it, else 404. Its first bytes must be the
     * format we stored: an object replaced in the store by something else is refused, not served.
     */
    public PhotoObjects.Opened open(String key) {
        String type = PhotoObjects.isKey(key) ? publishedType(key) : null;
        ImageFormat format = type == null ? null : ImageFormat.ofContentType(type);
        if (format == null) {
            throw ApiException.notFound("Image");
        }
        return PhotoObjects.open(store, key, format);
    }

    private long count(long productId) {
        return rows.count(productId);
    }
}
