package market.notify.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import market.common.api.Cursor;
import market.common.api.Page;
import market.notify.domain.InboxItem;
import market.notify.storage.InboxStore;

/**
 * A user's in-app inbox: their personal notifications merged with the broadcasts (notices, ads) they may see,
 * which are stored once and filtered per user when read. Both kinds share one id sequence, so the list's
 * cursor, the read mark and the streams' Last-Event-ID are positions in one ordered space; {@link InboxStore}
 * says how the order of commits is kept to the order of ids.
 */
@ApplicationScoped
public class InboxService {

    /** One page of the inbox, newest first, with how many of all the user's items are unread. */
    public record Listing(List<InboxItem> items, String nextCursor, long unreadCount) {}

    private final InboxStore store;
    private final SettingsService settings;
    private final Clock clock;
    private final Event<InboxChanged> changed;

    public InboxService(InboxStore store, SettingsService settings, Clock clock, Event<InboxChanged> changed) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.changed = changed;
    }

    @Transactional
    public Listing page(String userId, String cursor, int size) {
        settings.of(userId);
        Cursor c = Cursor.decode(cursor, 1);
        long before = c == null ? Long.MAX_VALUE : c.longAt(0);
        long mark = store.readMark(userId);
        List<InboxItem> items = store.items(userId, 0, before, size + 1, false, mark);
        Page<InboxItem> page = Page.of(items, size, i -> Cursor.encode(i.id()));
        return new Listing(page.items(), page.nextCursor(), store.unread(userId, mark));
    }

    /**
     * Marks everything of the user up to and including {@code upToId} read, personal items and broadcasts
     * alike; returns what stays unread. The mark never passes the newest item the user has, so an id from
     * the future cannot pre-read what has not arrived yet.
     */
    @Transactional
    public long markRead(String userId, long upToId) {
        settings.of(userId);
        store.markRead(userId, Math.min(upToId, store.latestId(userId)));
        return store.unread(userId, store.readMark(userId));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long add(String userId, String type, String title, String body, Map<String, String> data) {
        store.lockForPersonalItem(userId);
        long id = store.addPersonal(
                userId, type, title, body, data, Instant.now(clock).atOffset(ZoneOffset.UTC));
        changed.fire(InboxChanged.of(userId));
        return id;
    }

    /** The newest id the user has, so a stream without Last-Event-ID starts after it. */
    public long latestId(String userId) {
        return store.latestId(userId);
    }

    /**
     * What each stream position needs: at most {@code limit} items after it, oldest first, in one query; no
     * transaction, so that stream threads need no request context.
     */
    public Map<InboxStore.Position, List<InboxItem>> after(List<InboxStore.Position> positions, int limit) {
        return store.itemsAfter(positions, limit);
    }
}
