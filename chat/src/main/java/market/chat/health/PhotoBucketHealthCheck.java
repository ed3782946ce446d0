package market.chat.health;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;
import market.chat.storage.PhotoStore;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether this replica reaches the photo bucket. Reported, but never DOWN: without the bucket only photos fail
 * (uploads and fetches answer 503); text, offers and appointments go on. Taking every chat replica out of the
 * Service because the object store blinked would turn no photos into no chat (product, whose listings cannot show
 * without their photos, does go unready).
 *
 * <p>The bucket is asked in the background and the check reports the last answer: a store that accepts connections
 * but never answers would otherwise hold the readiness request past the probe's timeout (3 s in the chart), which
 * takes the replica out of service just the same.
 */
@Readiness
@ApplicationScoped
public class PhotoBucketHealthCheck implements HealthCheck {

    /** The last probe: null error when the bucket answered. */
    private record Probe(String error) {}

    private final PhotoStore store;
    private final AtomicReference<Probe> last = new AtomicReference<>();

    public PhotoBucketHealthCheck(PhotoStore store) {
        this.store = store;
    }

    @Scheduled(every = "10s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probe() {
        String error = null;
        try {
            store.probe();
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName();
        }
        last.set(new Probe(error));
    }

    @Override
    public HealthCheckResponse call() {
        Probe probe = last.get();
        var response = HealthCheckResponse.named("photo-bucket").up().withData("bucket", store.name());
        if (probe == null) {
            return response.withData("reachable", "not asked yet").build();
        }
        response.withData("reachable", probe.error() == null);
        if (probe.error() != null) {
            response.withData("error", probe.error());
        }
        return response.build();
    }
}
