package market.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void plainIdsFromTheGatewayAreKept() {
        assertEquals("4f1c2a9be07d4c0e9d1f3a2b5c6d7e8f", RequestIds.accept("4f1c2a9be07d4c0e9d1f3a2b5c6d7e8f"));
        assertEquals("req:1/2+3=4_5.6-7", RequestIds.accept("req:1/2+3=4_5.6-7"));
    }

    @Test
    void missingOrUnsafeIdsAreReplacedByANewOne() {
        for (String bad : new String[] {null, "", "two words", "line\nbreak", "x".repeat(129), "quote\"d", "{json}"}) {
            String id = RequestIds.accept(bad);
            assertNotEquals(bad, id);
            assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), id);
        }
    }
}
