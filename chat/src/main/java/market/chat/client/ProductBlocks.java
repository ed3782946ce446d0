package market.chat.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Asks product who is in a block with a user. When product fails, the last answer for that user is served
 * (stale beats nothing), and for a user never asked before the answer is "nobody": chat fails open, because
 * refusing every chat during a product outage costs more than a block briefly not enforced for someone whose
 * blocks this replica never saw.
 */
@ApplicationScoped
public class ProductBlocks {

    private static final Logger LOG = Logger.getLogger(ProductBlocks.class);
    private static final int MAX_ENTRIES = 50_000;
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;

    private final ProductBlocksApi api;
    private final Cache<String, Set<String>> lastKnown =
            Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    public ProductBlocks(@RestClient ProductBlocksApi api) {
        this.api = api;
    }

    @Timeout(1000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000)
    @Fallback(fallbackMethod = "lastKnown")
    public Set<String> partiesOf(String userId) {
        ProductBlocksApi.Parties p = api.parties(userId);
        Set<String> parties = p == null || p.userIds() == null ? Set.of() : Set.copyOf(p.userIds());
        lastKnown.put(userId, parties);
        return parties;
    }

    Set<String> lastKnown(String userId) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.warn("product does not answer who is blocked; chat uses the last known blocks (none if unknown)");
        }
        Set<String> known = lastKnown.getIfPresent(userId);
        return new Unconfirmed(known == null ? Set.of() : known);
    }

    /** Whether an answer is the fallback's (the last known blocks, or none), not product's own. */
    public static boolean unconfirmed(Set<String> parties) {
        return parties instanceof Unconfirmed;
    }

    /** The fallback's answer: not product's, so not to be kept as if it were. */
    private static final class Unconfirmed extends java.util.AbstractSet<String> {
        private final Set<String> parties;

        Unconfirmed(Set<String> parties) {
            this.parties = parties;
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return parties.iterator();
        }

        @Override
        public int size() {
            return parties.size();
        }

        @Override
        public boolean contains(Object o) {
            return parties.contains(o);
        }
    }
}
