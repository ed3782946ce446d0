package market.notify.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import market.common.api.ApiException;
import market.common.db.Timestamps;
import market.notify.domain.Platform;

/** Push tokens: bound to one user, subscribed to `notices` and (with marketing consent) `ads`. */
@ApplicationScoped
public class DeviceService {

    public record Device(
            String token, Platform platform, boolean ads, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}

    public record Registration(Device device, boolean created) {}

    private final EntityManager em;
    private final SettingsService settings;
    private final PushOutbox outbox;
    private final Clock clock;

    public DeviceService(EntityManager em, SettingsService settings, PushOutbox outbox, Clock clock) {
        this.em = em;
        this.settings = settings;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Registers or refreshes a token for the user. A token registered under another account (the phone
     * changed hands, or someone logged in as another user) moves to this one: created from their view.
     */
    @Transactional
    public Registration register(String userId, String token, Platform platform) {
        boolean marketing = settings.of(userId).marketing;
        OffsetDateTime now = Instant.now(clock).atOffset(ZoneOffset.UTC);
        int inserted = em.createNativeQuery("""
                INSERT INTO device (token, user_id, platform, ads, created_at, updated_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT (token) DO NOTHING""")
                .setParameter(1, token)
                .setParameter(2, userId)
                .setParameter(3, platform.name())
                .setParameter(4, marketing)
                .setParameter(5, now)
                .executeUpdate();
        if (inserted == 1) {
            outbox.topicMembership(true, PushOutbox.NOTICES_TOPIC, List.of(token));
            if (marketing) {
                outbox.topicMembership(true, PushOutbox.ADS_TOPIC, List.of(token));
            }
            return new Registration(find(token), true);
        }
        Object[] existing =
                (Object[]) em.createNativeQuery("SELECT user_id, ads FROM device WHERE token = ?1 FOR UPDATE")
                        .setParameter(1, token)
                        .getSingleResult();
        boolean moved = !userId.equals(existing[0]);
        boolean ads = (Boolean) existing[1];
        em.createNativeQuery("""
                UPDATE device SET user_id = ?2, platform = ?3, ads = ?4, updated_at = ?5,
                       created_at = CASE WHEN ?6 THEN ?5 ELSE created_at END WHERE token = ?1""")
                .setParameter(1, token)
                .setParameter(2, userId)
                .setParameter(3, platform.name())
                .setParameter(4, marketing)
                .setParameter(5, now)
                .setParameter(6, moved)
                .executeUpdate();
        if (ads != marketing) {
            outbox.topicMembership(marketing, PushOutbox.ADS_TOPIC, List.of(token));
        }
        return new Registration(find(token), moved);
    }

    /**
     * Removes the caller's token (logout). Someone else's token answers exactly like an unknown one, so a
     * DELETE cannot be used to learn whether a token is registered at all.
     */
    @Transactional
    public void unregister(String userId, String token) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT user_id, ads FROM device WHERE token = ?1 AND user_id = ?2 FOR UPDATE")
                .setParameter(1, token)
                .setParameter(2, userId)
                .getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound("Device");
        }
        em.createNativeQuery("DELETE FROM device WHERE token = ?1")
                .setParameter(1, token)
                .executeUpdate();
        outbox.topicMembership(false, PushOutbox.NOTICES_TOPIC, List.of(token));
        if ((Boolean) rows.get(0)[1]) {
            outbox.topicMembership(false, PushOutbox.ADS_TOPIC, List.of(token));
        }
    }

    /** Marketing consent changed: (un)subscribe the user's devices to the ads topic. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void marketingConsentChanged(String userId, boolean marketing) {
        @SuppressWarnings("unchecked")
        List<String> tokens = em.createNativeQuery(
                        "UPDATE device SET ads = ?2 WHERE user_id = ?1 AND ads <> ?2 RETURNING token")
                .setParameter(1, userId)
                .setParameter(2, marketing)
                .getResultList();
        outbox.topicMembership(marketing, PushOutbox.ADS_TOPIC, new ArrayList<>(tokens));
    }

    private Device find(String token) {
        Object[] r = (Object[])
                em.createNativeQuery("SELECT token, platform, ads, created_at, updated_at FROM device WHERE token = ?1")
                        .setParameter(1, token)
                        .getSingleResult();
        return new Device(
                (String) r[0],
                Platform.valueOf((String) r[1]),
                (Boolean) r[2],
                Timestamps.odt(r[3]),
                Timestamps.odt(r[4]));
    }
}
