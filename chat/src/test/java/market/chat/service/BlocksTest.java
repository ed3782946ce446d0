package market.chat.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import market.chat.client.ProductBlocks;
import market.chat.client.ProductBlocksApi;
import market.chat.config.ChatConfig;
import market.chat.domain.Room;
import org.junit.jupiter.api.Test;

/** The per-user block cache in front of product: one call per user per TTL, and the check both ways. */
class BlocksTest {

    private final Map<String, List<String>> product = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final ProductBlocksApi api = userId -> {
        calls.incrementAndGet();
        return new ProductBlocksApi.Parties(product.getOrDefault(userId, List.of()));
    };

    private static ChatConfig ttl(Duration ttl) {
        return (ChatConfig) Proxy.newProxyInstance(
                ChatConfig.class.getClassLoader(), new Class<?>[] {ChatConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("blockCacheTtl")) {
                        return ttl;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aUsersBlocksAreAskedOncePerTtlWhateverTheNumberOfMessages() {
        product.put("a", List.of("b"));
        Blocks blocks = new Blocks(new ProductBlocks(api), ttl(Duration.ofHours(1)));
        for (int i = 0; i < 100; i++) {
            assertTrue(blocks.between("a", "b"));
            assertFalse(blocks.between("a", "c"));
            assertTrue(blocks.hasAny("a"));
        }
        assertEquals(1, calls.get());
        // within the TTL a new block is not seen yet: the documented staleness
        product.put("a", List.of("b", "c"));
        assertFalse(blocks.between("a", "c"));
        assertEquals(1, calls.get());
    }

    @Test
    void withoutACacheEveryQuestionSeesTheNewestBlocks() {
        Blocks blocks = new Blocks(new ProductBlocks(api), ttl(Duration.ZERO));
        assertFalse(blocks.hasAny("x"));
        product.put("x", List.of("y"));
        assertTrue(blocks.between("x", "y"));
        Room room = new Room(1, 2, "y", "Y", "x", "X", false);
        assertThrows(Blocks.Refused.class, () -> blocks.requireNotBlocked(room, "x"));
        assertEquals(403, new Blocks.Refused().status());
        assertEquals(Blocks.Refused.TYPE, new Blocks.Refused().toProblem().type());
    }
}
