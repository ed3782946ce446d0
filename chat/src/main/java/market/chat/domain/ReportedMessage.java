package market.chat.domain;

import java.time.OffsetDateTime;

/**
 * A message as product's moderation sees it (GET /internal/messages/{id}): who sent it, what it said, and the
 * room's two parties, so product can check the reporter took part and keep what was said with the report. For a
 * PHOTO message the content says how many photos it carried before its caption ("[사진 3장] 이거요"), and
 * photoCount counts them (0 for other messages); the photos themselves stay visible only to the two parties.
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
        int photoCount,
        OffsetDateTime sentAt) {}
