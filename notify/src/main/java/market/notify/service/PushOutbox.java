package market.notify.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import market.notify.domain.Audience;
import market.notify.push.PushMessage;
import market.notify.storage.PushOutboxStore;

/**
 * Records pushes to be sent, inside the caller's transaction, so that a push exists exactly when the change
 * that caused it was committed. {@link PushRelay} delivers them.
 */
@ApplicationScoped
public class PushOutbox {

    private final PushOutboxStore store;
    private final Clock clock;
    private final Event<OutboxChanged> changed;

    public PushOutbox(PushOutboxStore store, Clock clock, Event<OutboxChanged> changed) {
        this.store = store;
        this.clock = clock;
        this.changed = changed;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void topic(String topic, PushMessage message, boolean ad, Long noticeId, int recipients) {
        store.addTopic(topic, message.title(), message.body(), message.data(), ad, noticeId, recipients, now());
        changed.fire(new OutboxChanged());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void user(String userId, PushMessage message) {
        store.addUser(userId, message.title(), message.body(), message.data(), now());
        changed.fire(new OutboxChanged());
    }

    /** One personal push per user of the round's {@code audience}, for a broadcast; returns how many were queued. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int usersOfNotice(long noticeId, PushMessage message, boolean ad, Audience audience) {
        int n = store.addUsersOfNotice(noticeId, audience, message.title(), message.body(), message.data(), ad, now());
        changed.fire(new OutboxChanged());
        return n;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void topicMembership(boolean subscribe, String topic, Collection<String> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        store.addTopicMembership(subscribe, topic, tokens, now());
        changed.fire(new OutboxChanged());
    }

    private OffsetDateTime now() {
        return Instant.now(clock).atOffset(ZoneOffset.UTC);
    }
}
