package market.product.api;

import java.time.OffsetDateTime;
import market.product.domain.ModerationAction;
import market.product.domain.ReportTarget;

/** One admin action: who, what, on which target (and report), the note, when; with the reports it closed. */
public record ModerationEntryView(
        long id,
        AdminReportView.UserRef admin,
        ModerationAction action,
        ReportTarget targetType,
        String targetId,
        Long reportId,
        String note,
        OffsetDateTime createdAt) {}
