package market.product.domain;

import java.time.OffsetDateTime;

/**
 * A user's report. {@code targetOwner} is who it is about (the seller, the author, the sender or the user) and
 * {@code targetSummary} what the admin sees of the target as it was when reported (a title, the comment's or the
 * message's text, a nickname). {@code openOnTarget} counts the open reports of the same target (0 when not read).
 */
public record Report(
        long id,
        String reporterId,
        ReportTarget targetType,
        String targetId,
        String targetOwner,
        String targetSummary,
        ReportReason reason,
        String text,
        ReportStatus status,
        OffsetDateTime createdAt,
        OffsetDateTime resolvedAt,
        int reportsOnTarget) {}
