package market.product.domain;

import java.time.OffsetDateTime;

/** One line of the moderation log: which admin did what to which target, why, and when. */
public record ModerationEntry(
        long id,
        String adminId,
        ModerationAction action,
        ReportTarget targetType,
        String targetId,
        Long reportId,
        String note,
        OffsetDateTime createdAt) {}
