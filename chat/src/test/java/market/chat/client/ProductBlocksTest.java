package market.chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** What chat believes about blocks while product fails (the fallback): the last answer, else nobody (fail open). */
class ProductBlocksTest {

    @Test
    void theFallbackServesTheLastAnswerPerUserAndNobodyForAnUnknownUser() {
        AtomicBoolean down = new AtomicBoolean(false);
        ProductBlocks blocks = new ProductBlocks(userId -> {
            if (down.get()) {
                throw new IllegalStateException("product is down");
            }
            return new ProductBlocksApi.Parties(List.of("other-of-" + userId));
        });
        assertEquals(Set.of("other-of-a"), blocks.partiesOf("a"));
        down.set(true);
        assertEquals(Set.of("other-of-a"), blocks.lastKnown("a"));
        assertEquals(Set.of(), blocks.lastKnown("never-asked"));
    }
}
