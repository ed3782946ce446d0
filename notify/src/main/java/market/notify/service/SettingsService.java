package market.notify.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import market.common.api.ApiException;
import market.notify.config.NotifyConfig;
import market.notify.domain.NotificationSettings;
import market.notify.storage.SettingsStore;

@ApplicationScoped
public class SettingsService {

    private final SettingsStore store;
    private final Clock clock;
    private final Instance<DeviceService> devices;
    private final NotifyConfig.Inbox inbox;

    public SettingsService(SettingsStore store, Clock clock, Instance<DeviceService> devices, NotifyConfig config) {
        this.store = store;
        this.clock = clock;
        this.devices = devices;
        this.inbox = config.inbox();
    }

    /** The user's settings, making the user known to notify when they are not yet. */
    @Transactional
    public NotificationSettings of(String userId) {
        store.addIfAbsent(
                userId,
                clock.instant().minus(inbox.noticesBeforeFirstContact()).atOffset(ZoneOffset.UTC),
                clock.instant().atOffset(ZoneOffset.UTC));
        return store.find(userId).orElseThrow();
    }

    /**
     * A signed-in user: as {@link #of(String)}, and when their token says when the account was created,
     * broadcasts from then on are theirs (also when notify first met them as the recipient of an event).
     */
    @Transactional
    public NotificationSettings seen(String userId, Optional<Instant> accountCreated) {
        if (accountCreated.isPresent()) {
            OffsetDateTime created = accountCreated.get().atOffset(ZoneOffset.UTC);
            store.addIfAbsent(userId, created, clock.instant().atOffset(ZoneOffset.UTC));
            store.joinedNoLaterThan(userId, created);
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
        if (expectedVersion != null && expectedVersion != s.version()) {
            throw changedMeanwhile(s);
        }
        if (marketingNight && !marketing) {
            throw ApiException.unprocessable("Night-time marketing needs marketing consent first");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (marketing != s.marketing()) {
            devices.get().marketingConsentChanged(userId, marketing);
        }
        OffsetDateTime consentedAt = s.marketingConsentedAt();
        if (marketing && !s.marketing()) {
            consentedAt = now;
        } else if (!marketing) {
            consentedAt = null;
        }
        OffsetDateTime nightAt = s.marketingNightAt();
        if (marketingNight && !s.marketingNight()) {
            nightAt = now;
        } else if (!marketingNight) {
            nightAt = null;
        }
        NotificationSettings changed = new NotificationSettings(
                userId, chat, activity, keywords, marketing, marketingNight, consentedAt, nightAt, now, s.version());
        // Written only if nobody changed them since they were read above (version): else the other change wins.
        return store.update(changed)
                .orElseThrow(() -> changedMeanwhile(store.find(userId).orElseThrow()));
    }

    private static ApiException changedMeanwhile(NotificationSettings now) {
        return ApiException.conflict("The settings were changed meanwhile (version " + now.version() + ")");
    }
}
