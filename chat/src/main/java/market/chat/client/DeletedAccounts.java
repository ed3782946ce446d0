package market.chat.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Reads product's feed of deleted accounts. No fallback: a failure ends the sweep's run, which keeps its position
 * and asks again at the next one, so a deletion reaches chat however long product was away.
 */
@ApplicationScoped
public class DeletedAccounts {

    private final ProductAccountsApi api;

    public DeletedAccounts(@RestClient ProductAccountsApi api) {
        this.api = api;
    }

    @Timeout(3000)
    @Retry(maxRetries = 1, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000)
    public List<ProductAccountsApi.Deleted> after(long seq, int size) {
        ProductAccountsApi.DeletedPage page = api.after(seq, size);
        return page == null || page.items() == null ? List.of() : page.items();
    }
}
