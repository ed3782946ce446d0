package market.product.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import market.common.api.ApiException;
import market.common.limits.Action;
import market.product.domain.ChangedMeanwhile;
import market.product.domain.KeywordAlert;
import market.product.storage.KeywordStore;
import market.product.storage.ProfileStore;

/** 키워드 알림: words a user wants to hear about when a listing in their 동네 mentions them. */
@ApplicationScoped
public class KeywordService {

    private final KeywordStore store;
    private final ProfileStore profileRows;
    private final ProfileService profiles;

    public KeywordService(KeywordStore store, ProfileStore profileRows, ProfileService profiles) {
        this.store = store;
        this.profileRows = profileRows;
        this.profiles = profiles;
    }

    @Transactional
    public List<KeywordAlert> list(String userId) {
        return store.of(userId);
    }

    @RateLimited(Action.KEYWORD)
    @Transactional
    public KeywordAlert add(Caller caller, String keyword) {
        profiles.me(caller.id(), caller.username());
        // Locking the profile row makes the limit hold when two adds race.
        profileRows.lock(caller.id());
        String word = keyword.strip();
        List<KeywordAlert> mine = list(caller.id());
        if (mine.stream().anyMatch(k -> k.keyword().equalsIgnoreCase(word))) {
            throw ApiException.conflict("You already have the keyword '" + word + "'");
        }
        if (mine.size() >= KeywordAlert.MAX_PER_USER) {
            throw ApiException.unprocessable("At most " + KeywordAlert.MAX_PER_USER + " keywords");
        }
        return store.insert(caller.id(), word, Clock.now());
    }

    /** Another user's keyword is as invisible as a missing one: 404. */
    @Transactional
    public void remove(Caller caller, long id) {
        KeywordAlert k = store.find(id).orElse(null);
        if (k == null || !k.userId().equals(caller.id())) {
            throw ApiException.notFound("Keyword " + id);
        }
        // Gone since it was read: a racing remove of the same keyword won.
        if (!store.delete(id)) {
            throw new ChangedMeanwhile("Keyword " + id);
        }
    }
}
