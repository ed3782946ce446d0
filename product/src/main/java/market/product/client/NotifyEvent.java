package market.product.client;

import com.fasterxml.jackson.databind.JsonNode;

/** The body of notify's POST /internal/events. */
public record NotifyEvent(String idempotencyKey, String type, String recipientId, String title, String body,
        JsonNode data) {
}
