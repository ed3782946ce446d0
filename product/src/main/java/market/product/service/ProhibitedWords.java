package market.product.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import market.common.api.ApiException;
import market.common.api.Problem;
import market.product.config.ModerationConfig;
import market.product.domain.ProhibitedWord;
import market.product.storage.ProhibitedWordStore;

/**
 * The admin-maintained list of words a listing's title and description may not contain (금지 품목), and the check
 * every listing write makes against it. The list is read on every listing write, so each replica keeps it for
 * {@code market.moderation.prohibited-words-ttl}: a change applies at once on the replica that made it and on the
 * others when their copy expires.
 */
@ApplicationScoped
public class ProhibitedWords {

    /** At most this many words, so the check stays a short loop over a small list. */
    public static final int MAX_WORDS = 500;

    private record Snapshot(List<ProhibitedWord> words, long readAtNanos) {}

    private final ProhibitedWordStore store;
    private final long ttlNanos;
    private volatile Snapshot cached;

    public ProhibitedWords(ProhibitedWordStore store, ModerationConfig config) {
        this.store = store;
        this.ttlNanos = config.prohibitedWordsTtl().toNanos();
    }

    /**
     * Refuses a listing whose title or description contains a prohibited word, compared after folding both (see
     * {@link ProhibitedWord#fold}): 422 naming the field and the word.
     */
    public void check(String title, String description) {
        List<ProhibitedWord> words = words();
        refuse("title", ProhibitedWord.fold(title), words);
        refuse("description", ProhibitedWord.fold(description), words);
    }

    private static void refuse(String field, String folded, List<ProhibitedWord> words) {
        for (ProhibitedWord w : words) {
            if (folded.contains(w.word())) {
                String message = "판매할 수 없는 물품이에요: " + w.display();
                throw new ApiException(
                        422,
                        "Unprocessable Content",
                        message,
                        List.of(new Problem.FieldError(field, message)),
                        Map.of());
            }
        }
    }

    private List<ProhibitedWord> words() {
        Snapshot s = cached;
        if (s == null || System.nanoTime() - s.readAtNanos() > ttlNanos) {
            s = new Snapshot(store.all(), System.nanoTime());
            cached = s;
        }
        return s.words();
    }

    /** The list as stored now (the admin's editor reads it uncached). */
    public List<ProhibitedWord> list() {
        return store.all();
    }

    /** Single autocommit statements: the cached copy is dropped only after the change is committed. */
    public ProhibitedWord add(Caller admin, String display) {
        String trimmed = display.strip();
        String folded = ProhibitedWord.fold(trimmed);
        if (folded.isEmpty()) {
            throw ApiException.badRequest("word", "must contain a letter or a digit");
        }
        if (folded.codePointCount(0, folded.length()) > 50) {
            throw ApiException.badRequest("word", "at most 50 letters and digits");
        }
        if (store.count() >= MAX_WORDS) {
            throw ApiException.unprocessable("At most " + MAX_WORDS + " prohibited words");
        }
        ProhibitedWord w = store.insert(folded, trimmed, admin.id(), Clock.now())
                .orElseThrow(() -> ApiException.conflict("'" + trimmed + "' is already prohibited"));
        cached = null;
        return w;
    }

    public void remove(long id) {
        if (!store.delete(id)) {
            throw ApiException.notFound("Prohibited word " + id);
        }
        cached = null;
    }
}
