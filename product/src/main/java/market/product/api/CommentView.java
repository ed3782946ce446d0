package market.product.api;

import java.time.OffsetDateTime;

public record CommentView(long id, long productId, Author author, String content, OffsetDateTime createdAt) {

    /** {@code id} is null for an author who deleted their account; the nickname is then 탈퇴한 사용자. */
    public record Author(String id, String nickname) {}
}
