package market.notify.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import market.common.api.ApiException;
import market.notify.config.NotifyConfig;
import market.notify.domain.NotificationSettings;

@ApplicationScoped
public class SettingsService {

    private final EntityManager em;
    private final Clock clock;
    private final Instance<DeviceService> devices;
    private final NotifyConfig.Inbox inbox;

    public SettingsService(EntityManager em, Clock clock, Instance<DeviceService> devices, NotifyConfig config) {
        this.em = em;
        this.clock = clock;
        this.devices = devices;
        this.inbox = config.inbox();
    }

    /** The user's settings, making the user known to notify when they are not yet. */
    @Transactional
    public NotificationSettings of(String userId) {
        em.createNativeQuery("""
                INSERT INTO notification_settings (user_id, joined_at, updated_at) VALUES (?1, ?2, ?3)
                ON CONFLICT DO NOTHING""")
                .setParameter(1, userId)
                .setParameter(
                        2,
                        clock.instant().minus(inbox.noticesBeforeFirstContact()).atOffset(ZoneOffset.UTC))
                .setParameter(3, clock.instant().atOffset(ZoneOffset.UTC))
                .executeUpdate();
        return em.find(NotificationSettings.class, userId);
    }

    /**
     * A signed-in user: as {@link #of(String)}, and when their token says when the account was created,
     * broadcasts from then on are theirs (also when notify first met them as the recipient of an event).
     */
    @Transactional
    public NotificationSettings seen(String userId, Optional<Instant> accountCreated) {
        if (accountCreated.isPresent()) {
            OffsetDateTime created = accountCreated.get().atOffset(ZoneOffset.UTC);
            em.createNativeQuery("""
                    INSERT INTO notification_settings (user_id, joined_at, updated_at) VALUES (?1, ?2, ?3)
                    ON CONFLICT DO NOTHING""")
                    .setParameter(1, userId)
                    .setParameter(2, created)
                    .setParameter(3, clock.instant().atOffset(ZoneOffset.UTC))
                    .executeUpdate();
            em.createNativeQuery(
                            "UPDATE notification_settings SET joined_at = ?2 WHERE user_id = ?1 AND joined_at > ?2")
                    .setParameter(1, userId)
                    .setParameter(2, created)
                    .executeUpdate();
        }
        return of(userId);
    }

    @Transactional
    public NotificationSettings update(
            String userId,
            boolean chat,
            boolean activity,
            boolean keywords,
            boolean marketing,
            boolean marketingNight,
            Integer expectedVersion) {
        NotificationSettings s = of(userId);
        if (expectedVersion != null && expectedVersion != s.version) {
            throw ApiException.conflict("The settings were changed meanwhile (version " + s.version + ")");
        }
        if (marketingNight && !marketing) {
            throw ApiException.unprocessable("Night-time marketing needs marketing consent first");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (marketing != s.marketing) {
            devices.get().marketingConsentChanged(userId, marketing);
        }
        if (marketing && !s.marketing) {
            s.marketingConsentedAt = now;
        } else if (!marketing) {
            s.marketingConsentedAt = null;
        }
        if (marketingNight && !s.marketingNight) {
            s.marketingNightAt = now;
        } else if (!marketingNight) {
            s.marketingNightAt = null;
        }
        s.chat = chat;
        s.activity = activity;
        s.keywords = keywords;
        s.marketing = marketing;
        s.marketingNight = marketingNight;
        s.updatedAt = now;
        em.flush();
        return s;
    }
}
