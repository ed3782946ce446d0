package market.chat.domain;

import java.time.OffsetDateTime;

/**
 * A message as product's moderation sees it (GET /internal/messages/{id}): who sent it, what it said, and the
 * room's two parties, so product can check the reporter took part and keep what was said with the report.
 */
public record ReportedMessage(
        long id,
        long roomId,
        long productId,
        String senderId,
        String sellerId,
        String buyerId,
        String type,
        String content,
        OffsetDateTime sentAt) {}
