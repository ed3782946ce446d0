package market.notify.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import market.notify.push.PushMessage;

/**
 * Records pushes to be sent, inside the caller's transaction, so that a push exists exactly when the change
 * that caused it was committed. {@link PushRelay} delivers them.
 */
@ApplicationScoped
public class PushOutbox {

    public static final String NOTICES_TOPIC = "notices";
    public static final String ADS_TOPIC = "ads";

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;
    private final Event<OutboxChanged> changed;

    public PushOutbox(EntityManager em, ObjectMapper json, Clock clock, Event<OutboxChanged> changed) {
        this.em = em;
        this.json = json;
        this.clock = clock;
        this.changed = changed;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void topic(String topic, PushMessage message, boolean ad, Long noticeId, int recipients) {
        em.createNativeQuery("""
                INSERT INTO push_outbox (kind, topic, title, body, data, ad, notice_id, recipients, next_attempt_at, created_at)
                VALUES ('TOPIC', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)""")
                .setParameter(1, topic)
                .setParameter(2, message.title())
                .setParameter(3, message.body())
                .setParameter(4, toJson(message.data()))
                .setParameter(5, ad)
                .setParameter(6, noticeId)
                .setParameter(7, recipients)
                .setParameter(8, now())
                .executeUpdate();
        changed.fire(new OutboxChanged());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void user(String userId, PushMessage message) {
        em.createNativeQuery("""
                INSERT INTO push_outbox (kind, user_id, title, body, data, next_attempt_at, created_at)
                VALUES ('USER', ?1, ?2, ?3, ?4, ?5, ?5)""")
                .setParameter(1, userId)
                .setParameter(2, message.title())
                .setParameter(3, message.body())
                .setParameter(4, toJson(message.data()))
                .setParameter(5, now())
                .executeUpdate();
        changed.fire(new OutboxChanged());
    }

    /**
     * One personal push per user selected by {@code userFilter} (a condition on notification_settings s),
     * for a broadcast; returns how many were queued.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int usersOfNotice(long noticeId, PushMessage message, boolean ad, String userFilter) {
        int n = em.createNativeQuery("""
                INSERT INTO push_outbox (kind, user_id, title, body, data, ad, notice_id, next_attempt_at, created_at)
                SELECT 'USER', s.user_id, ?1, ?2, ?3, ?4, ?5, ?6, ?6 FROM notification_settings s WHERE\s""" + userFilter)
                .setParameter(1, message.title())
                .setParameter(2, message.body())
                .setParameter(3, toJson(message.data()))
                .setParameter(4, ad)
                .setParameter(5, noticeId)
                .setParameter(6, now())
                .executeUpdate();
        changed.fire(new OutboxChanged());
        return n;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void topicMembership(boolean subscribe, String topic, Collection<String> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                INSERT INTO push_outbox (kind, topic, tokens, recipients, next_attempt_at, created_at)
                VALUES (?1, ?2, ?3, 0, ?4, ?4)""")
                .setParameter(1, subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE")
                .setParameter(2, topic)
                .setParameter(3, String.join("\n", tokens))
                .setParameter(4, now())
                .executeUpdate();
        changed.fire(new OutboxChanged());
    }

    private OffsetDateTime now() {
        return Instant.now(clock).atOffset(ZoneOffset.UTC);
    }

    String toJson(Map<String, String> data) {
        try {
            return json.writeValueAsString(data == null ? Map.of() : data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
