package market.product.api;

import java.time.OffsetDateTime;
import market.product.domain.ProhibitedWord;

/** A prohibited word as the admin typed it. */
public record ProhibitedWordView(long id, String word, OffsetDateTime createdAt) {

    static ProhibitedWordView of(ProhibitedWord w) {
        return new ProhibitedWordView(w.id(), w.display(), w.createdAt());
    }
}
