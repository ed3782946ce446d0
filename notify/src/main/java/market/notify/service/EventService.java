package market.notify.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.common.events.EventType;
import market.notify.domain.EventCategory;
import market.notify.domain.NotificationSettings;
import market.notify.push.PushMessage;

/**
 * Personal events from product and chat: once per idempotency key (per calling service), an inbox item,
 * and a push to the recipient's devices unless they turned that kind of notification off.
 */
@ApplicationScoped
public class EventService {

    public record Accepted(long notificationId, boolean duplicate, boolean pushed) {}

    private final EntityManager em;
    private final SettingsService settings;
    private final InboxService inbox;
    private final PushOutbox outbox;
    private final Clock clock;

    public EventService(
            EntityManager em, SettingsService settings, InboxService inbox, PushOutbox outbox, Clock clock) {
        this.em = em;
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
        int fresh = em.createNativeQuery("""
                INSERT INTO inbound_event (idempotency_key, received_at) VALUES (?1, ?2)
                ON CONFLICT (idempotency_key) DO NOTHING""")
                .setParameter(1, key)
                .setParameter(2, Instant.now(clock).atOffset(ZoneOffset.UTC))
                .executeUpdate();
        if (fresh == 0) {
            @SuppressWarnings("unchecked")
            List<Number> ids = em.createNativeQuery(
                            "SELECT notification_id FROM inbound_event WHERE idempotency_key = ?1")
                    .setParameter(1, key)
                    .getResultList();
            return new Accepted(
                    ids.isEmpty() || ids.get(0) == null ? 0 : ids.get(0).longValue(), true, false);
        }
        NotificationSettings prefs = settings.of(recipientId);
        Map<String, String> payload = data == null ? Map.of() : data;
        long id = inbox.add(recipientId, type.name(), title, body, payload);
        em.createNativeQuery("UPDATE inbound_event SET notification_id = ?2 WHERE idempotency_key = ?1")
                .setParameter(1, key)
                .setParameter(2, id)
                .executeUpdate();
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
