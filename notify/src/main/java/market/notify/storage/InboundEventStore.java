package market.notify.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Optional;
import market.common.db.Db;

/** inbound_event: the idempotency keys of the events accepted, with the notification each one made. */
@ApplicationScoped
public class InboundEventStore {

    private final Db db;

    public InboundEventStore(Db db) {
        this.db = db;
    }

    /** Records the key; false when it was recorded before (the event is a repeat). */
    public boolean addIfAbsent(String key, OffsetDateTime now) {
        return db.update("""
                        INSERT INTO inbound_event (idempotency_key, received_at) VALUES (?, ?)
                        ON CONFLICT (idempotency_key) DO NOTHING""", key, now) == 1;
    }

    /** The notification the event with this key made; empty when there is none (yet). */
    public Optional<Long> notificationOf(String key) {
        return db.optional(
                        "SELECT notification_id FROM inbound_event WHERE idempotency_key = ?",
                        r -> Optional.ofNullable(r.nullableLong("notification_id")),
                        key)
                .flatMap(id -> id);
    }

    public void setNotification(String key, long notificationId) {
        db.update("UPDATE inbound_event SET notification_id = ? WHERE idempotency_key = ?", notificationId, key);
    }

    /** Forgets keys received before {@code before}; how many. */
    public int purge(OffsetDateTime before) {
        return db.update("DELETE FROM inbound_event WHERE received_at < ?", before);
    }
}
