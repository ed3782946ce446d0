package market.product.api;

import java.time.OffsetDateTime;

public record CommentView(long id, long productId, Author author, String content, OffsetDateTime createdAt) {

    public record Author(String id, String nickname) {}
}
