package market.notify.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import market.notify.domain.Topics;
import market.notify.storage.AccountStore;
import market.notify.storage.DeviceStore;

/**
 * 탈퇴 (product's ACCOUNT_DELETED, through its outbox): the account's devices go (and leave the notices/ads
 * topics, through the push outbox like a logout), its settings, read mark and personal inbox are deleted and its
 * pending personal pushes dropped; the tombstone makes later events to it no-ops. Idempotent: a repeat (product's
 * outbox delivers at least once) finds nothing left to delete.
 */
@ApplicationScoped
public class AccountService {

    private final AccountStore accounts;
    private final DeviceStore devices;
    private final PushOutbox outbox;
    private final Clock clock;

    public AccountService(AccountStore accounts, DeviceStore devices, PushOutbox outbox, Clock clock) {
        this.accounts = accounts;
        this.devices = devices;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public void deleted(String userId) {
        accounts.tombstone(userId, Instant.now(clock).atOffset(ZoneOffset.UTC));
        List<DeviceStore.Token> gone = devices.deleteAllOf(userId);
        if (!gone.isEmpty()) {
            outbox.topicMembership(
                    false,
                    Topics.NOTICES,
                    gone.stream().map(DeviceStore.Token::token).toList());
            List<String> ads = gone.stream()
                    .filter(DeviceStore.Token::ads)
                    .map(DeviceStore.Token::token)
                    .toList();
            if (!ads.isEmpty()) {
                outbox.topicMembership(false, Topics.ADS, ads);
            }
        }
        accounts.purge(userId);
    }

    public boolean isDeleted(String userId) {
        return accounts.isDeleted(userId);
    }
}
