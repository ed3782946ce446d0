package market.product.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.List;
import market.common.api.ApiException;
import market.common.limits.Action;
import market.product.domain.KeywordAlert;
import market.product.domain.Profile;

/** 키워드 알림: words a user wants to hear about when a listing in their 동네 mentions them. */
@ApplicationScoped
public class KeywordService {

    private final EntityManager em;
    private final ProfileService profiles;

    public KeywordService(EntityManager em, ProfileService profiles) {
        this.em = em;
        this.profiles = profiles;
    }

    @Transactional
    public List<KeywordAlert> list(String userId) {
        return em.createQuery("from KeywordAlert where userId = :u order by id", KeywordAlert.class)
                .setParameter("u", userId)
                .getResultList();
    }

    @RateLimited(Action.KEYWORD)
    @Transactional
    public KeywordAlert add(Caller caller, String keyword) {
        profiles.me(caller.id(), caller.username());
        // Locking the profile row makes the limit hold when two adds race.
        em.find(Profile.class, caller.id(), LockModeType.PESSIMISTIC_WRITE);
        String word = keyword.strip();
        List<KeywordAlert> mine = list(caller.id());
        if (mine.stream().anyMatch(k -> k.keyword.equalsIgnoreCase(word))) {
            throw ApiException.conflict("You already have the keyword '" + word + "'");
        }
        if (mine.size() >= KeywordAlert.MAX_PER_USER) {
            throw ApiException.unprocessable("At most " + KeywordAlert.MAX_PER_USER + " keywords");
        }
        KeywordAlert k = new KeywordAlert();
        k.userId = caller.id();
        k.keyword = word;
        k.createdAt = Clock.now();
        em.persist(k);
        em.flush();
        return k;
    }

    /** Another user's keyword is as invisible as a missing one: 404. */
    @Transactional
    public void remove(Caller caller, long id) {
        KeywordAlert k = em.find(KeywordAlert.class, id);
        if (k == null || !k.userId.equals(caller.id())) {
            throw ApiException.notFound("Keyword " + id);
        }
        em.remove(k);
    }
}
