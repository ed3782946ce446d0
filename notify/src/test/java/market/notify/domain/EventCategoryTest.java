package market.notify.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import market.common.events.EventType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Which setting silences each event type's push (DESIGN.md §7). */
class EventCategoryTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "CHAT_MESSAGE, CHAT",
        "COMMENT, ACTIVITY",
        "LIKE, ACTIVITY",
        "PRICE_DROP, ACTIVITY",
        "REVIEW, ACTIVITY",
        "REVIEW_REQUEST, ACTIVITY",
        "TRADE, ACTIVITY",
        "REPORT_RESULT, ACTIVITY",
        "KEYWORD_MATCH, KEYWORDS"
    })
    void eachTypeHasItsSetting(EventType type, EventCategory category) {
        assertEquals(category, EventCategory.of(type));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeIsMapped(EventType type) {
        assertNotNull(EventCategory.of(type));
    }

    @ParameterizedTest(name = "activity off silences {0}")
    @CsvSource({"REVIEW_REQUEST", "REVIEW", "TRADE", "REPORT_RESULT"})
    void theActivitySettingSilencesReviewRequests(EventType type) {
        NotificationSettings off = new NotificationSettings("u", true, false, true, false, false, null, null, null, 0);
        assertEquals(false, EventCategory.of(type).allowedBy(off));
    }
}
