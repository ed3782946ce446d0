package market.notify.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Announcements batch many targets into NOTIFY payloads PostgreSQL accepts, and listeners split them again. */
class InboxChannelTest {

    @Test
    void manyTargetsGoInPayloadsUnderTheLimitAndEachComesOutOnce() {
        Set<String> targets = new LinkedHashSet<>();
        for (int i = 0; i < 1_000; i++) {
            targets.add(UUID.randomUUID().toString());
        }
        targets.add("사용자-한글"); // multi-byte: the limit is in bytes
        List<String> payloads = InboxChannel.payloads(targets, "*");
        assertTrue(payloads.size() > 1, "1,000 user ids do not fit in one payload");
        List<String> heard = new ArrayList<>();
        for (String p : payloads) {
            assertTrue(p.getBytes(StandardCharsets.UTF_8).length <= InboxChannel.MAX_PAYLOAD, "under the limit");
            InboxChannel.handle(p.replaceFirst("^\\S+", "other-replica"), heard::add);
        }
        assertEquals(List.copyOf(targets), heard);
    }

    @Test
    void aBroadcastAmongTargetsIsAnnouncedAloneAndOwnPayloadsAreIgnored() {
        List<String> payloads = InboxChannel.payloads(new LinkedHashSet<>(List.of("u1", "*", "u2")), "*");
        assertEquals(1, payloads.size());
        List<String> heard = new ArrayList<>();
        InboxChannel.handle(payloads.get(0), heard::add); // this instance's own: ignored
        assertEquals(List.of(), heard);
        InboxChannel.handle(payloads.get(0).replaceFirst("^\\S+", "other-replica"), heard::add);
        assertEquals(List.of("*"), heard);
    }
}
