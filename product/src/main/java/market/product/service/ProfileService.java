package market.product.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import market.common.api.ApiException;
import market.common.text.TextRules;
import market.product.domain.ChangedMeanwhile;
import market.product.domain.Profile;
import market.product.domain.ReservedNames;
import market.product.storage.ProfileStore;

@ApplicationScoped
public class ProfileService {

    private final ProfileStore store;

    public ProfileService(ProfileStore store) {
        this.store = store;
    }

    /** The caller's profile, created on first call with the token's username as nickname. */
    @Transactional
    public Profile me(String userId, String username) {
        store.createIfMissing(
                userId, TextRules.truncate(username == null || username.isBlank() ? "user" : username, 30));
        return store.find(userId).orElseThrow();
    }

    @Transactional
    public Profile update(String userId, String username, String nickname, String region, Integer expectedVersion) {
        Profile p = me(userId, username);
        if (expectedVersion != null && expectedVersion != p.version()) {
            throw ApiException.conflict("The profile was changed meanwhile (version " + p.version() + ")");
        }
        if (ReservedNames.isReserved(nickname)) {
            throw ApiException.badRequest("nickname", "is reserved for the operator; choose another");
        }
        return store.update(
                        userId,
                        nickname.strip(),
                        region == null || region.isBlank() ? null : region.strip(),
                        OffsetDateTime.now(ZoneOffset.UTC),
                        p.version())
                .orElseThrow(() -> new ChangedMeanwhile("Profile " + userId));
    }
}
