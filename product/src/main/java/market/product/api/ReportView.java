package market.product.api;

import java.time.OffsetDateTime;
import market.product.domain.Report;
import market.product.domain.ReportReason;
import market.product.domain.ReportStatus;
import market.product.domain.ReportTarget;

/** A report as its reporter sees it. */
public record ReportView(
        long id,
        ReportTarget targetType,
        String targetId,
        ReportReason reason,
        String text,
        ReportStatus status,
        OffsetDateTime createdAt) {

    static ReportView of(Report r) {
        return new ReportView(r.id(), r.targetType(), r.targetId(), r.reason(), r.text(), r.status(), r.createdAt());
    }
}
