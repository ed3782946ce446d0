package market.notify.service;

import java.util.Set;

/** Fired when inbox items were added; observed after commit to wake the open streams of those users. */
public record InboxChanged(Set<String> userIds, boolean everyone) {

    public static InboxChanged of(String userId) {
        return new InboxChanged(Set.of(userId), false);
    }

    public static InboxChanged toEveryone() {
        return new InboxChanged(Set.of(), true);
    }
}
