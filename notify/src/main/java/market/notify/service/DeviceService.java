package market.notify.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import market.common.api.ApiException;
import market.notify.domain.Device;
import market.notify.domain.Platform;
import market.notify.domain.Topics;
import market.notify.storage.DeviceStore;

/** Push tokens: bound to one user, subscribed to `notices` and (with marketing consent) `ads`. */
@ApplicationScoped
public class DeviceService {

    public record Registration(Device device, boolean created) {}

    private final DeviceStore store;
    private final SettingsService settings;
    private final PushOutbox outbox;
    private final Clock clock;

    public DeviceService(DeviceStore store, SettingsService settings, PushOutbox outbox, Clock clock) {
        this.store = store;
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
        boolean marketing = settings.of(userId).marketing();
        OffsetDateTime now = Instant.now(clock).atOffset(ZoneOffset.UTC);
        if (store.addIfAbsent(token, userId, platform, marketing, now)) {
            outbox.topicMembership(true, Topics.NOTICES, List.of(token));
            if (marketing) {
                outbox.topicMembership(true, Topics.ADS, List.of(token));
            }
            return new Registration(store.find(token), true);
        }
        DeviceStore.Holder existing = store.lock(token);
        boolean moved = !userId.equals(existing.userId());
        store.refresh(token, userId, platform, marketing, now, moved);
        if (existing.ads() != marketing) {
            outbox.topicMembership(marketing, Topics.ADS, List.of(token));
        }
        return new Registration(store.find(token), moved);
    }

    /**
     * Removes the caller's token (logout). Someone else's token answers exactly like an unknown one, so a
     * DELETE cannot be used to learn whether a token is registered at all.
     */
    @Transactional
    public void unregister(String userId, String token) {
        DeviceStore.Holder holder = store.lockOwned(token, userId).orElseThrow(() -> ApiException.notFound("Device"));
        store.delete(token);
        outbox.topicMembership(false, Topics.NOTICES, List.of(token));
        if (holder.ads()) {
            outbox.topicMembership(false, Topics.ADS, List.of(token));
        }
    }

    /** Marketing consent changed: (un)subscribe the user's devices to the ads topic. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void marketingConsentChanged(String userId, boolean marketing) {
        outbox.topicMembership(marketing, Topics.ADS, store.setAds(userId, marketing));
    }
}
