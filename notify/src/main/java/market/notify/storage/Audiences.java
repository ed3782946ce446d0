package market.notify.storage;

import market.common.db.Sql;
import market.notify.domain.Audience;

/**
 * The users a round is for, as a condition on {@code notification_settings s}: the same rules by which the
 * round's broadcast is visible in their inboxes ({@link InboxStore#VISIBLE}).
 */
final class Audiences {

    private Audiences() {}

    static Sql condition(Audience audience, long noticeId) {
        return switch (audience) {
            case ALL -> Sql.of("true");
            case DAY -> Sql.of("s.marketing");
            case NIGHT -> Sql.of("s.marketing AND s.marketing_night");
            // 08:00 KST: every consenting user the night round did not reach.
            case MORNING -> Sql.of("""
                    s.marketing AND NOT EXISTS (SELECT 1 FROM broadcast nb WHERE nb.notice_id = ?
                       AND nb.audience = 'NIGHT' AND s.marketing_night AND s.marketing_night_at <= nb.published_at)""", noticeId);
        };
    }
}
