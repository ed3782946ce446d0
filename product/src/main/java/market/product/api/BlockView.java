package market.product.api;

import java.time.OffsetDateTime;
import market.product.domain.Block;

/** A user I blocked; nickname "탈퇴한 사용자" when their profile is gone. */
public record BlockView(String userId, String nickname, OffsetDateTime createdAt) {

    public static BlockView of(Block b) {
        return new BlockView(b.userId(), b.nickname() == null ? ReceivedReviewView.GONE : b.nickname(), b.createdAt());
    }
}
