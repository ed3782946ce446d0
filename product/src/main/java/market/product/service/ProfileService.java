package market.product.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import market.common.api.ApiException;
import market.common.text.TextRules;
import market.product.config.RegionConfig;
import market.product.domain.ChangedMeanwhile;
import market.product.domain.Profile;
import market.product.domain.Region;
import market.product.domain.ReservedNames;
import market.product.storage.ProfileStore;

@ApplicationScoped
public class ProfileService {

    /** What PUT /api/me changes; a null region field keeps what the profile has. */
    public record Update(String nickname, String regionCode, String regionName, Integer range) {}

    private final ProfileStore store;
    private final Regions regions;
    private final RegionConfig config;

    public ProfileService(ProfileStore store, Regions regions, RegionConfig config) {
        this.store = store;
        this.regions = regions;
        this.config = config;
    }

    /** The caller's profile, created on first call with the token's username as nickname. */
    @Transactional
    public Profile me(String userId, String username) {
        store.createIfMissing(
                userId, TextRules.truncate(username == null || username.isBlank() ? "user" : username, 30));
        return store.find(userId).orElseThrow();
    }

    @Transactional
    public Profile update(String userId, String username, Update u, Integer expectedVersion) {
        Profile p = me(userId, username);
        if (expectedVersion != null && expectedVersion != p.version()) {
            throw ApiException.conflict("The profile was changed meanwhile (version " + p.version() + ")");
        }
        if (ReservedNames.isReserved(u.nickname())) {
            throw ApiException.badRequest("nickname", "is reserved for the operator; choose another");
        }
        String code = p.regionCode();
        if (u.regionCode() != null) {
            code = current(u.regionCode(), "regionCode").code();
            if (u.regionName() != null
                    && !u.regionName()
                            .strip()
                            .equals(regions.find(code).orElseThrow().dong())) {
                throw ApiException.badRequest("region", "names another 동 than regionCode; send regionCode only");
            }
        } else if (u.regionName() != null) {
            // today's clients send the 동 name: it is taken when exactly one 행정동 has it
            code = regions.uniqueByName(u.regionName())
                    .orElseThrow(() -> ApiException.badRequest(
                            "region", "is not exactly one 행정동; choose one from /api/regions and send its regionCode"))
                    .code();
        }
        int range = u.range() == null ? p.range() : u.range();
        return store.update(userId, u.nickname().strip(), code, range, OffsetDateTime.now(ZoneOffset.UTC), p.version())
                .orElseThrow(() -> new ChangedMeanwhile("Profile " + userId));
    }

    /**
     * 동네 인증: the caller is at (lat, lng) and claims {@code regionCode} (or the 동네 they saved). It passes when the
     * position is within the configured radius of the 동's point or that point is the nearest one to the position;
     * the 동 becomes their 동네, verified now. The position is used for this check only and never stored or logged.
     */
    @Transactional
    public Profile verifyRegion(String userId, String username, String regionCode, double lat, double lng) {
        Profile p = me(userId, username);
        String code = regionCode != null ? regionCode : p.regionCode();
        if (code == null) {
            throw ApiException.unprocessable("Choose your 동네 first (regionCode), then verify it");
        }
        Region region = current(code, "regionCode");
        double meters = region.metersTo(lat, lng);
        List<Regions.Near> nearest = regions.nearest(lat, lng, 1, Double.MAX_VALUE);
        boolean nearestPoint =
                !nearest.isEmpty() && nearest.get(0).region().code().equals(code);
        if (meters > config.verifyRadiusMeters() && !nearestPoint) {
            throw ApiException.unprocessable(String.format(
                    Locale.ROOT,
                    "You are %.1f km from %s; 동네 인증 needs you to be in or near it",
                    meters / 1000,
                    region.fullName()));
        }
        return store.verifyRegion(userId, code, OffsetDateTime.now(ZoneOffset.UTC))
                .orElseThrow(() -> new ChangedMeanwhile("Profile " + userId));
    }

    /** A current (not retired) region, or a 400 on {@code field}. */
    private Region current(String code, String field) {
        return regions.find(code)
                .filter(r -> !r.retired())
                .orElseThrow(() -> ApiException.badRequest(field, "is not a known 행정동 code (see /api/regions)"));
    }
}
