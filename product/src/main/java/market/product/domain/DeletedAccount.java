package market.product.domain;

import java.time.OffsetDateTime;

/** A deleted account (탈퇴) in the order deletions committed: {@code seq} is the position chat reads after. */
public record DeletedAccount(long seq, String userId, OffsetDateTime deletedAt) {

    /** What a deleted account's comments, reviews and chat messages show as their author. */
    public static final String DISPLAY_NAME = "탈퇴한 사용자";
}
