package market.notify.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import market.common.api.ApiException;
import market.notify.domain.NotificationSettings;

@ApplicationScoped
public class SettingsService {

    private final EntityManager em;
    private final Clock clock;
    private final Instance<DeviceService> devices;

    public SettingsService(EntityManager em, Clock clock, Instance<DeviceService> devices) {
        this.em = em;
        this.clock = clock;
        this.devices = devices;
    }

    @Transactional
    public NotificationSettings of(String userId) {
        em.createNativeQuery("INSERT INTO notification_settings (user_id) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, userId).executeUpdate();
        return em.find(NotificationSettings.class, userId);
    }

    @Transactional
    public NotificationSettings update(String userId, boolean chat, boolean activity, boolean keywords,
            boolean marketing, boolean marketingNight, Integer expectedVersion) {
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
