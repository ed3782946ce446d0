package market.product.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import market.common.api.ApiException;
import market.common.api.Cursor;
import market.common.api.Page;
import market.common.events.EventType;
import market.product.client.KeycloakUsers;
import market.product.domain.ModerationAction;
import market.product.domain.ModerationEntry;
import market.product.domain.Report;
import market.product.domain.ReportStatus;
import market.product.storage.ModerationLogStore;
import market.product.storage.OutboxStore;
import market.product.storage.ProductStore;
import market.product.storage.ProfileStore;
import market.product.storage.ReportStore;

/**
 * The admins' side of reports: the queue, an action on a report's target (which closes every open report of that
 * target and is written to the moderation log), the log, and the suspension check on every write.
 */
@ApplicationScoped
public class ModerationService {

    /** What an action did: the log entry and how many open reports of the target it closed. */
    public record Acted(ModerationEntry entry, int reportsClosed) {}

    private final ReportStore reports;
    private final ModerationLogStore log;
    private final ProductStore listings;
    private final ProfileStore profiles;
    private final SocialService social;
    private final OutboxStore outbox;
    private final KeycloakUsers accounts;

    public ModerationService(
            ReportStore reports,
            ModerationLogStore log,
            ProductStore listings,
            ProfileStore profiles,
            SocialService social,
            OutboxStore outbox,
            KeycloakUsers accounts) {
        this.reports = reports;
        this.log = log;
        this.listings = listings;
        this.profiles = profiles;
        this.social = social;
        this.outbox = outbox;
        this.accounts = accounts;
    }

    /** One page of the queue in a status, newest first. */
    public Page<Report> queue(ReportStatus status, String cursor, int size) {
        Cursor c = Cursor.decode(cursor, 1);
        List<Report> rows = reports.page(status, c == null ? null : c.longAt(0), size + 1);
        return Page.of(rows, size, r -> Cursor.encode(r.id()));
    }

    /** The moderation log, newest first. */
    public Page<ModerationEntry> log(String cursor, int size) {
        Cursor c = Cursor.decode(cursor, 1);
        List<ModerationEntry> rows = log.page(c == null ? null : c.longAt(0), size + 1);
        return Page.of(rows, size, e -> Cursor.encode(e.id()));
    }

    /**
     * Acts on the target of report {@code reportId}: the action must fit the target's type (422), the report must
     * still be open (409: another admin acted first). Every open report of the target is closed with the action's
     * outcome and each reporter is told it in their inbox (REPORT_RESULT, through the outbox).
     */
    @Transactional
    public Acted act(Caller admin, long reportId, ModerationAction action, String note) {
        Report report = reports.find(reportId).orElseThrow(() -> ApiException.notFound("Report " + reportId));
        if (!action.appliesTo(report.targetType())) {
            throw ApiException.unprocessable(action + " does not apply to a report of a " + report.targetType());
        }
        // Locked in id order; a second admin waits here and then finds the report closed.
        List<Report> open = reports.lockOpenOn(report.targetType(), report.targetId());
        if (open.stream().noneMatch(r -> r.id() == reportId)) {
            throw ApiException.conflict("Report " + reportId + " was already handled");
        }
        var now = Clock.now();
        switch (action) {
            case HIDE_LISTING -> listings.hide(Long.parseLong(report.targetId()), now);
            case DELETE_COMMENT -> social.removeComment(Long.parseLong(report.targetId()));
            case SUSPEND_USER -> suspend(report.targetOwner(), now);
            case DISMISS -> {
                // nothing changes but the reports
            }
            default -> throw new IllegalArgumentException(action.name());
        }
        ModerationEntry entry =
                log.record(admin.id(), action, report.targetType(), report.targetId(), reportId, note, now);
        reports.close(open.stream().mapToLong(Report::id).toArray(), action.outcome(), entry.id(), now);
        for (Report r : open) {
            tellReporter(r, action);
        }
        return new Acted(entry, open.size());
    }

    /**
     * Suspends a user in product: their writes are refused from now on and their listings hidden.
     *
     * <p>Keycloak: the account is disabled through the admin API (so their tokens stop working at the next refresh),
     * inside this transaction, after the suspension is recorded: a Keycloak failure rolls the suspension back (503)
     * and the admin can act again. A user Keycloak does not have (deleted meanwhile) is suspended in product alone.
     */
    private void suspend(String userId, java.time.OffsetDateTime now) {
        profiles.suspend(userId, "이웃", now);
        listings.hideAllOf(userId, now);
        try {
            accounts.disable(userId);
        } catch (RuntimeException e) {
            throw new ApiException(
                    503, "Service Unavailable", "Keycloak did not disable the account; nothing changed, try again");
        }
    }

    private void tellReporter(Report r, ModerationAction action) {
        String what = switch (r.targetType()) {
            case LISTING -> "게시글";
            case USER -> "사용자";
            case COMMENT -> "댓글";
            case MESSAGE -> "채팅 메시지";
        };
        String outcome = switch (action) {
            case HIDE_LISTING -> "해당 게시글을 숨겼어요.";
            case DELETE_COMMENT -> "해당 댓글을 삭제했어요.";
            case SUSPEND_USER -> "해당 사용자의 이용을 정지했어요.";
            case DISMISS -> "검토 결과 운영정책 위반을 찾지 못했어요.";
        };
        outbox.publish(
                "report-result:" + r.id(),
                EventType.REPORT_RESULT,
                r.reporterId(),
                "신고 처리 결과",
                "신고하신 " + what + "(" + summary(r.targetSummary()) + ")을(를) 검토했어요. " + outcome,
                Map.of(
                        "reportId", r.id(),
                        "targetType", r.targetType().name(),
                        "targetId", r.targetId(),
                        "outcome", action.outcome().name(),
                        "action", action.name()));
    }

    private static String summary(String s) {
        return s.codePointCount(0, s.length()) <= 30 ? s : s.substring(0, s.offsetByCodePoints(0, 30)) + "…";
    }

    /** Refuses a suspended user's writes: 403 problem+json with code "suspended". */
    public void refuseIfSuspended(String userId) {
        if (profiles.isSuspended(userId)) {
            throw ApiException.forbidden("Your account is suspended", "suspended");
        }
    }
}
