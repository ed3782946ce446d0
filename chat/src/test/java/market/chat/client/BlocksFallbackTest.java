package market.chat.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import market.chat.config.ChatConfig;
import market.chat.service.Blocks;
import org.junit.jupiter.api.Test;

/**
 * An answer from product's fallback (the last known blocks, while product does not answer) is not product's: chat
 * keeps it only for the short TTL, even while announcements are heard, so a block lifted (or made) during the
 * outage is seen soon after product answers again — not at the end of the long TTL.
 */
class BlocksFallbackTest {

    private final AtomicReference<List<String>> product = new AtomicReference<>(List.of("b"));

    /** The fault-tolerance interceptor's part: product failing → the fallback's answer. */
    private final ProductBlocks blocksClient =
            new ProductBlocks(userId -> {
                List<String> parties = product.get();
                if (parties == null) {
                    throw new IllegalStateException("product down");
                }
                return new ProductBlocksApi.Parties(parties);
            }) {
                @Override
                public Set<String> partiesOf(String userId) {
                    try {
                        return super.partiesOf(userId);
                    } catch (RuntimeException e) {
                        return lastKnown(userId);
                    }
                }
            };

    private static ChatConfig config(Duration ttl, Duration unheard) {
        return (ChatConfig) Proxy.newProxyInstance(
                ChatConfig.class.getClassLoader(), new Class<?>[] {ChatConfig.class}, (proxy, method, args) -> {
                    return switch (method.getName()) {
                        case "blockCacheTtl" -> ttl;
                        case "blockCacheTtlUnheard" -> unheard;
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    @Test
    void aFallbackAnswerIsKeptOnlyForTheShortTtl() throws Exception {
        Blocks blocks = new Blocks(blocksClient, config(Duration.ofHours(1), Duration.ofMillis(200)));
        blocks.hearing(true);
        assertTrue(blocks.between("a", "b"));
        product.set(null); // product down
        blocks.changed("a", "b"); // an announcement: asked again, the fallback answers the last known blocks
        assertTrue(blocks.between("a", "b"), "the last known blocks while product is down");
        product.set(List.of()); // back, and the block was lifted meanwhile
        Thread.sleep(400);
        assertFalse(blocks.between("a", "b"), "the fallback's answer is not kept for the long TTL");
    }
}
