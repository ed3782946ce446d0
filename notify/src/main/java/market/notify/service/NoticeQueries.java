package market.notify.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import market.common.api.Cursor;
import market.common.api.Page;
import market.notify.domain.NoticeView;
import market.notify.storage.NoticeStore;

/** Read side of notices: the public list (sent notices, never ads) and the admin list with stats. */
@ApplicationScoped
public class NoticeQueries {

    private final NoticeStore store;

    public NoticeQueries(NoticeStore store) {
        this.store = store;
    }

    public Page<NoticeView> published(String cursor, int size) {
        return Page.of(store.published(before(cursor), size + 1), size, n -> Cursor.encode(n.id()));
    }

    public Page<NoticeView> all(String cursor, int size) {
        return Page.of(store.all(before(cursor), size + 1), size, n -> Cursor.encode(n.id()));
    }

    public Optional<NoticeView> find(long id) {
        return store.find(id);
    }

    private static long before(String cursor) {
        Cursor c = Cursor.decode(cursor, 1);
        return c == null ? Long.MAX_VALUE : c.longAt(0);
    }
}
