package market.product.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import market.product.storage.ImageStore;
import org.jboss.logging.Logger;

/**
 * Removes photos of deleted listings from the bucket, eventually: the database change only records the
 * keys (same transaction), and this job deletes the objects, so a bucket outage never blocks a delete.
 */
@ApplicationScoped
public class ImageCleanup {

    private static final Logger LOG = Logger.getLogger(ImageCleanup.class);

    private final EntityManager em;
    private final ImageStore store;

    public ImageCleanup(EntityManager em, ImageStore store) {
        this.em = em;
        this.store = store;
    }

    /** Queues every photo of the listing for deletion and drops its rows. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetAllImages(long productId) {
        em.createNativeQuery("""
                INSERT INTO orphan_object (object_key)
                SELECT object_key FROM product_image WHERE product_id = :id
                UNION SELECT thumb_key FROM product_image WHERE product_id = :id
                ON CONFLICT DO NOTHING""").setParameter("id", productId).executeUpdate();
        em.createNativeQuery("DELETE FROM product_image WHERE product_id = :id")
                .setParameter("id", productId)
                .executeUpdate();
    }

    /** Queues one photo (original and thumbnail) for deletion and drops its row. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetImage(long imageId) {
        em.createNativeQuery("""
                INSERT INTO orphan_object (object_key)
                SELECT object_key FROM product_image WHERE id = :id
                UNION SELECT thumb_key FROM product_image WHERE id = :id
                ON CONFLICT DO NOTHING""").setParameter("id", imageId).executeUpdate();
        em.createNativeQuery("DELETE FROM product_image WHERE id = :id")
                .setParameter("id", imageId)
                .executeUpdate();
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
    @SuppressWarnings("unchecked")
    List<String> queued(int limit) {
        return em.createNativeQuery("SELECT object_key FROM orphan_object ORDER BY created_at LIMIT :n")
                .setParameter("n", limit)
                .getResultList();
    }

    @Transactional
    void dequeue(String key) {
        em.createNativeQuery("DELETE FROM orphan_object WHERE object_key = :k")
                .setParameter("k", key)
                .executeUpdate();
    }
}
