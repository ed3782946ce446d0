package market.product.api;

import java.time.OffsetDateTime;
import market.product.domain.ReportReason;
import market.product.domain.ReportStatus;
import market.product.domain.ReportTarget;

/**
 * A report in the admins' queue: the target with what it said when reported ({@code targetSummary}: a listing's
 * title, a comment's or chat message's text, a user's nickname), whose it is, who reported it and how many
 * reports (of any status) the same target has.
 */
public record AdminReportView(
        long id,
        ReportTarget targetType,
        String targetId,
        String targetSummary,
        UserRef targetOwner,
        UserRef reporter,
        ReportReason reason,
        String text,
        ReportStatus status,
        int reportsOnTarget,
        OffsetDateTime createdAt,
        OffsetDateTime resolvedAt) {

    public record UserRef(String id, String nickname) {}
}
