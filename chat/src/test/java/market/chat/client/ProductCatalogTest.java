package market.chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import market.chat.config.ChatConfig;
import market.common.api.ApiException;
import org.junit.jupiter.api.Test;

/** The catalog's caches without the product service: a counting stand-in answers every id. */
class ProductCatalogTest {

    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicBoolean down = new AtomicBoolean();

    private final ProductApi api = id -> {
        if (down.get()) {
            throw new IllegalStateException("product service down");
        }
        calls.incrementAndGet();
        return new ProductApi.Product(
                id, "listing " + id, 1000, true, "ON_SALE", new ProductApi.Seller("seller-" + id, "nick"), List.of());
    };

    private static ChatConfig ttl(Duration ttl) {
        return (ChatConfig) Proxy.newProxyInstance(
                ChatConfig.class.getClassLoader(), new Class<?>[] {ChatConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("productCacheTtl")) {
                        return ttl;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void factsAreServedFromTheCacheWithinTheTtl() {
        ProductCatalog catalog = new ProductCatalog(api, ttl(Duration.ofHours(1)));
        assertEquals("seller-7", catalog.product(7).sellerId());
        assertEquals("seller-7", catalog.product(7).sellerId());
        assertEquals(1, calls.get());
    }

    @Test
    void aZeroTtlAsksEveryTimeButStillKeepsTheLastKnownFacts() {
        ProductCatalog catalog = new ProductCatalog(api, ttl(Duration.ZERO));
        catalog.product(7);
        catalog.product(7);
        assertEquals(2, calls.get());
        down.set(true);
        assertEquals("listing 7", catalog.lastKnown(7).title());
        assertEquals(
                503,
                assertThrows(ApiException.class, () -> catalog.lastKnown(8)).status());
    }

    @Test
    void aFullCacheEvictsSomeEntriesNotAllOfThem() {
        ProductCatalog catalog = new ProductCatalog(api, ttl(Duration.ofHours(1)));
        int products = 10_001;
        for (long id = 1; id <= products; id++) {
            catalog.product(id);
        }
        calls.set(0);
        for (long id = 1; id <= products; id++) {
            catalog.product(id);
        }
        assertTrue(
                calls.get() < 1_000, "most facts still fresh in the cache, but " + calls.get() + " were fetched again");

        down.set(true);
        int known = 0;
        for (long id = 1; id <= products; id++) {
            try {
                catalog.lastKnown(id);
                known++;
            } catch (ApiException e) {
                // evicted: the fallback has nothing for this id
            }
        }
        assertTrue(known > 9_000, "only " + known + " of " + products + " last known facts kept");
    }
}
