package market.chat.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import market.chat.config.ChatConfig;
import market.chat.domain.ProductFacts;
import market.common.api.ApiException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Product facts for opening rooms. Answers from a short-lived cache, and when the product service fails
 * it serves the last known facts (stale beats unavailable for a seller id that never changes) or a 503.
 * Both caches are bounded Caffeine caches, so a full cache evicts its least useful entries, not all of them.
 */
@ApplicationScoped
public class ProductCatalog {

    private static final int MAX_ENTRIES = 10_000;

    private final ProductApi api;
    /** Facts younger than market.chat.product-cache-ttl: answered without asking the product service. */
    private final Cache<Long, ProductFacts> fresh;
    /** The newest facts per product, whatever their age: the fallback while the product service fails. */
    private final Cache<Long, ProductFacts> lastKnown;

    public ProductCatalog(@RestClient ProductApi api, ChatConfig config) {
        this.api = api;
        this.fresh = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(config.productCacheTtl())
                .build();
        this.lastKnown = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();
    }

    @Timeout(2000)
    @Retry(maxRetries = 1, delay = 100, jitter = 50, abortOn = ApiException.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000, skipOn = ApiException.class)
    @Fallback(fallbackMethod = "lastKnown", skipOn = ApiException.class)
    public ProductFacts product(long id) {
        ProductFacts hit = fresh.getIfPresent(id);
        if (hit != null) {
            return hit;
        }
        ProductFacts facts = toFacts(api.get(id));
        fresh.put(id, facts);
        lastKnown.put(id, facts);
        return facts;
    }

    ProductFacts lastKnown(long id) {
        ProductFacts hit = lastKnown.getIfPresent(id);
        if (hit != null) {
            return hit;
        }
        throw ApiException.unavailable("The product service is not answering; try again shortly", 5);
    }

    private static ProductFacts toFacts(ProductApi.Product p) {
        if (p == null || p.seller() == null || p.seller().id() == null) {
            throw ApiException.unavailable("The product service gave an incomplete answer", 5);
        }
        String thumbnail = p.images() == null || p.images().isEmpty()
                ? null
                : p.images().get(0).thumbnailUrl() != null
                        ? p.images().get(0).thumbnailUrl()
                        : p.images().get(0).url();
        String nickname = p.seller().nickname() == null || p.seller().nickname().isBlank()
                ? "user"
                : p.seller().nickname();
        return new ProductFacts(
                p.id(),
                p.seller().id(),
                truncate(nickname, 30),
                truncate(p.title(), 100),
                p.price(),
                p.status() == null ? "ON_SALE" : truncate(p.status(), 16),
                Boolean.TRUE.equals(p.negotiable()),
                thumbnail);
    }

    static String truncate(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max));
    }
}
