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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import market.chat.client.ProductBlocks;
import market.chat.client.ProductBlocksApi;
import market.chat.config.ChatConfig;
import market.chat.domain.Room;
import org.junit.jupiter.api.Test;

/** The per-user block cache in front of product: one call per user per TTL, and the check both ways. */
class BlocksTest {

    private final Map<String, List<String>> product = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    /** Set when a call to product would make a send wait (the test fails instead). */
    private final AtomicBoolean productMustNotBeAsked = new AtomicBoolean();

    private final ProductBlocksApi api = userId -> {
        if (productMustNotBeAsked.get()) {
            throw new AssertionError("a send waited for product");
        }
        calls.incrementAndGet();
        return new ProductBlocksApi.Parties(product.getOrDefault(userId, List.of()));
    };

    private static ChatConfig ttl(Duration ttl) {
        return (ChatConfig) Proxy.newProxyInstance(
                ChatConfig.class.getClassLoader(), new Class<?>[] {ChatConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("blockCacheTtl")) {
                        return ttl;
                    }
                    if (method.getName().equals("blockCacheTtlUnheard")) {
                        return Duration.ofSeconds(5);
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

    @Test
    void aSendersBlocksAreAskedAgainInTheBackgroundBeforeTheyExpireSoItsSendsNeverWaitForProduct() {
        AtomicLong now = new AtomicLong();
        // the refresh runs on the calling thread here, so the test can see when product is asked
        Blocks blocks = new Blocks(
                new ProductBlocks(api), Duration.ofSeconds(5), Duration.ofSeconds(5), now::get, Runnable::run);
        blocks.hearing(true);
        product.put("a", List.of("b"));
        assertTrue(blocks.hasAny("a"));
        assertEquals(1, calls.get());

        now.addAndGet(Duration.ofMillis(4600).toNanos()); // past 9/10 of the TTL: served, and asked again
        product.put("a", List.of("b", "c"));
        assertTrue(blocks.hasAny("a"));
        assertEquals(2, calls.get(), "asked again before the TTL ran out");

        now.addAndGet(Duration.ofMillis(2500).toNanos()); // 7.1 s after the first answer, 2.5 s after the second
        productMustNotBeAsked.set(true);
        assertTrue(blocks.between("a", "c"), "the newer answer, without a call on the send path");
        productMustNotBeAsked.set(false);
    }

    @Test
    void aUserSilentForTheWholeTtlIsAskedBeforeTheSendNeverServedStaleBlocks() {
        AtomicLong now = new AtomicLong();
        Blocks blocks = new Blocks(
                new ProductBlocks(api), Duration.ofSeconds(5), Duration.ofSeconds(5), now::get, Runnable::run);
        blocks.hearing(true);
        assertFalse(blocks.hasAny("q"));
        product.put("q", List.of("r"));
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertTrue(blocks.between("q", "r"), "a block older than the TTL is always seen");
        assertEquals(2, calls.get());
    }

    @Test
    void aChangeProductAnnouncesIsSeenAtOnceDespiteALongTtl() {
        AtomicLong now = new AtomicLong();
        Blocks blocks = new Blocks(
                new ProductBlocks(api), Duration.ofMinutes(1), Duration.ofSeconds(5), now::get, Runnable::run);
        blocks.hearing(true);
        assertFalse(blocks.between("a", "b"));
        product.put("a", List.of("b"));
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertFalse(blocks.between("a", "b"), "not announced: the cached answer, as long as changes are heard");
        assertEquals(1, calls.get());
        blocks.changed("a", "b");
        assertTrue(blocks.between("a", "b"), "announced: asked again at once");
        assertEquals(2, calls.get());
    }

    @Test
    void whileChangesAreNotHeardAnAnswerOlderThanTheShortTtlIsAskedAgainAndAllOnceTheyAreHeardAgain() {
        AtomicLong now = new AtomicLong();
        Blocks blocks = new Blocks(
                new ProductBlocks(api), Duration.ofMinutes(1), Duration.ofSeconds(5), now::get, Runnable::run);
        blocks.hearing(true);
        assertFalse(blocks.between("a", "b"));
        blocks.hearing(false); // the subscription is lost: announcements may be missed
        product.put("a", List.of("b"));
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertFalse(blocks.between("a", "b"), "younger than the short TTL: used");
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertTrue(blocks.between("a", "b"), "older than the short TTL while not heard: asked again");
        assertEquals(2, calls.get());
        product.put("a", List.of());
        blocks.hearing(true); // back: what changed meanwhile was not heard, every entry goes
        assertFalse(blocks.between("a", "b"));
        assertEquals(3, calls.get());
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertFalse(blocks.between("a", "b"));
        assertEquals(3, calls.get(), "heard again: the long TTL applies");
    }
}
