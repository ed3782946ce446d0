package market.product.domain;

import java.time.OffsetDateTime;

/** A user the caller blocked, with their nickname (null when their profile is gone). */
public record Block(String userId, String nickname, OffsetDateTime createdAt) {}
