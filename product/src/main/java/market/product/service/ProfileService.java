package market.product.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import market.common.api.ApiException;
import market.common.text.TextRules;
import market.product.domain.Profile;
import market.product.domain.ReservedNames;

@ApplicationScoped
public class ProfileService {

    private final EntityManager em;

    public ProfileService(EntityManager em) {
        this.em = em;
    }

    /** The caller's profile, created on first call with the token's username as nickname. */
    @Transactional
    public Profile me(String userId, String username) {
        // ON CONFLICT keeps two first calls racing each other from failing.
        em.createNativeQuery("""
                INSERT INTO user_profile (id, nickname) VALUES (?1, ?2) ON CONFLICT (id) DO NOTHING""")
                .setParameter(1, userId)
                .setParameter(2, TextRules.truncate(username == null || username.isBlank() ? "user" : username, 30))
                .executeUpdate();
        return em.find(Profile.class, userId);
    }

    @Transactional
    public Profile update(String userId, String username, String nickname, String region, Integer expectedVersion) {
        Profile p = me(userId, username);
        if (expectedVersion != null && expectedVersion != p.version) {
            throw ApiException.conflict("The profile was changed meanwhile (version " + p.version + ")");
        }
        if (ReservedNames.isReserved(nickname)) {
            throw ApiException.badRequest("nickname", "is reserved for the operator; choose another");
        }
        p.nickname = nickname.strip();
        p.region = region == null || region.isBlank() ? null : region.strip();
        p.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        em.flush();
        return p;
    }
}
