package market.product.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;

/** A chat message as chat's GET /internal/messages/{id} answers it: the message and its room's two parties. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatMessage(
        long id,
        long roomId,
        long productId,
        String senderId,
        String sellerId,
        String buyerId,
        String type,
        String content,
        OffsetDateTime sentAt) {

    public boolean hasParty(String userId) {
        return userId.equals(sellerId) || userId.equals(buyerId);
    }
}
