package market.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import market.notify.domain.AdRules;
import org.junit.jupiter.api.Test;

class AdRulesTest {

    private static Instant kst(String local) {
        return OffsetDateTime.parse(local + "+09:00").toInstant();
    }

    @Test
    void nightIsFrom21To08Kst() {
        assertFalse(AdRules.isNight(kst("2026-11-26T20:59:59")));
        assertTrue(AdRules.isNight(kst("2026-11-26T21:00:00")));
        assertTrue(AdRules.isNight(kst("2026-11-27T03:00:00")));
        assertTrue(AdRules.isNight(kst("2026-11-27T07:59:59")));
        assertFalse(AdRules.isNight(kst("2026-11-27T08:00:00")));
        assertFalse(AdRules.isNight(kst("2026-11-27T12:00:00")));
    }

    @Test
    void heldAdsGoOutAtTheNextEightOClockKst() {
        assertEquals(kst("2026-11-27T08:00:00"), AdRules.nextMorning(kst("2026-11-26T22:30:00")));
        assertEquals(kst("2026-11-27T08:00:00"), AdRules.nextMorning(kst("2026-11-27T01:00:00")));
        assertEquals(kst("2026-11-27T08:00:00"), AdRules.nextMorning(kst("2026-11-27T08:00:00")));
    }

    @Test
    void adTitleIsMarkedAndBodyTellsHowToOptOut() {
        assertEquals("(광고) 겨울 할인", AdRules.title("겨울 할인"));
        assertEquals("(광고) 겨울 할인", AdRules.title("(광고) 겨울 할인"));
        assertTrue(AdRules.body("최대 50%").startsWith("최대 50%\n수신거부"));
    }
}
