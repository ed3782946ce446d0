package market.product.domain;

import java.util.EnumSet;
import java.util.Set;

/** What an admin does about a report, and the targets each action applies to. */
public enum ModerationAction {
    /** The listing is shown to its seller (marked hidden) and admins only. */
    HIDE_LISTING(EnumSet.of(ReportTarget.LISTING)),
    /** The comment is soft-deleted, as an admin's DELETE /api/comments/{id}. */
    DELETE_COMMENT(EnumSet.of(ReportTarget.COMMENT)),
    /** The user (a reported user, or the sender of a reported message) is suspended; their listings are hidden. */
    SUSPEND_USER(EnumSet.of(ReportTarget.USER, ReportTarget.MESSAGE)),
    /** Nothing is done; the reports are closed as DISMISSED. */
    DISMISS(EnumSet.allOf(ReportTarget.class));

    private final Set<ReportTarget> targets;

    ModerationAction(Set<ReportTarget> targets) {
        this.targets = targets;
    }

    public boolean appliesTo(ReportTarget target) {
        return targets.contains(target);
    }

    /** The status the target's open reports take. */
    public ReportStatus outcome() {
        return this == DISMISS ? ReportStatus.DISMISSED : ReportStatus.RESOLVED;
    }
}
