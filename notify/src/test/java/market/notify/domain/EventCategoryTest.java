package market.notify.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import market.common.events.EventType;
import org.junit.jupiter.api.Test;

class EventCategoryTest {

    @Test
    void theOutcomeOfAReportIsActivity() {
        assertEquals(EventCategory.ACTIVITY, EventCategory.of(EventType.REPORT_RESULT));
        assertFalse(EventCategory.ACTIVITY.allowedBy(settings(true, false, true)));
        assertTrue(EventCategory.ACTIVITY.allowedBy(settings(false, true, false)));
    }

    private static NotificationSettings settings(boolean chat, boolean activity, boolean keywords) {
        return new NotificationSettings("u", chat, activity, keywords, false, false, null, null, null, 0);
    }

    @Test
    void everyEventTypeHasACategory() {
        for (EventType t : EventType.values()) {
            EventCategory.of(t);
        }
    }
}
