package market.product.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import market.product.storage.ImageStore;
import market.product.storage.ProductImageStore;
import org.jboss.logging.Logger;

/**
 * Removes photos of deleted listings from the bucket, eventually: the database change only records the
 * keys (same transaction), and this job deletes the objects, so a bucket outage never blocks a delete.
 */
@ApplicationScoped
public class ImageCleanup {

    private static final Logger LOG = Logger.getLogger(ImageCleanup.class);

    private final ProductImageStore rows;
    private final ImageStore store;

    public ImageCleanup(ProductImageStore rows, ImageStore store) {
        this.rows = rows;
        this.store = store;
    }

    /** Queues every photo of the listing for deletion and drops its rows. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetAllImages(long productId) {
        rows.forgetAll(productId);
    }

    /** Queues one photo (original and thumbnail) for deletion and drops its row. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetImage(long imageId) {
        rows.forget(imageId);
    }

    @Scheduled(every = "${market.images.cleanup-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        purge(100);
    }

    /** Deletes up to {@code limit} queued objects; those the bucket refuses stay queued for the next run. */
    public int purge(int limit) {
        List<String> keys = queued(limit);
        int done = 0;
        for (String key : keys) {
            try {
                store.delete(key);
                dequeue(key);
                done++;
            } catch (RuntimeException e) {
                LOG.warnf("Could not delete image object %s yet: %s", key, e.toString());
            }
        }
        return done;
    }

    @Transactional
    List<String> queued(int limit) {
        return rows.orphans(limit);
    }

    @Transactional
    void dequeue(String key) {
        rows.dropOrphan(key);
    }
}
