package market.notify.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import market.common.events.EventType;
import market.notify.domain.EventCategory;
import market.notify.domain.NotificationSettings;
import market.notify.push.PushMessage;
import market.notify.storage.AccountStore;
import market.notify.storage.InboundEventStore;

/**
 * Personal events from product and chat: once per idempotency key (per calling service), an inbox item,
 * and a push to the recipient's devices unless they turned that kind of notification off.
 */
@ApplicationScoped
public class EventService {

    public record Accepted(long notificationId, boolean duplicate, boolean pushed) {}

    private final InboundEventStore events;
    private final SettingsService settings;
    private final InboxService inbox;
    private final PushOutbox outbox;
    private final Clock clock;
    private final AccountStore accounts;

    public EventService(
            InboundEventStore events,
            SettingsService settings,
            InboxService inbox,
            PushOutbox outbox,
            Clock clock,
            AccountStore accounts) {
        this.accounts = accounts;
        this.events = events;
        this.settings = settings;
        this.inbox = inbox;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Accepted accept(
            String caller,
            String idempotencyKey,
            EventType type,
            String recipientId,
            String title,
            String body,
            Map<String, String> data) {
        String key = caller + ":" + idempotencyKey;
        if (!events.addIfAbsent(key, Instant.now(clock).atOffset(ZoneOffset.UTC))) {
            return new Accepted(events.notificationOf(key).orElse(0L), true, false);
        }
        if (accounts.isDeleted(recipientId)) {
            // 탈퇴: the recipient is gone; the key is kept so a repeat stays a duplicate
            return new Accepted(0L, false, false);
        }
        NotificationSettings prefs = settings.of(recipientId);
        Map<String, String> payload = data == null ? Map.of() : data;
        long id = inbox.add(recipientId, type.name(), title, body, payload);
        events.setNotification(key, id);
        boolean push = EventCategory.of(type).allowedBy(prefs);
        if (push) {
            Map<String, String> pushData = new LinkedHashMap<>(payload);
            pushData.put("type", type.name());
            pushData.put("notificationId", Long.toString(id));
            outbox.user(recipientId, new PushMessage(title, body, pushData));
        }
        return new Accepted(id, false, push);
    }
}
