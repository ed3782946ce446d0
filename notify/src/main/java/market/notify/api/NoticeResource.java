package market.notify.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import market.common.api.Cursor;
import market.common.api.Page;
import market.notify.service.NoticeQueries;

@Path("/api")
public class NoticeResource {

    /** What anyone sees of a published notice. */
    public record PublicNotice(long id, String title, String body, String link, java.time.OffsetDateTime publishedAt) {}

    private final NoticeQueries notices;

    public NoticeResource(NoticeQueries notices) {
        this.notices = notices;
    }

    @GET
    @Path("/notices")
    @PermitAll
    public Page<PublicNotice> published(@QueryParam("cursor") String cursor, @QueryParam("size") String size) {
        Page<NoticeView> page = notices.published(cursor, Cursor.size(size));
        return new Page<>(page.items().stream()
                .map(n -> new PublicNotice(n.id(), n.title(), n.body(), n.link(), n.sentAt())).toList(),
                page.nextCursor());
    }

    @GET
    @Path("/admin/notices")
    @RolesAllowed("admin")
    public Page<NoticeView> all(@QueryParam("cursor") String cursor, @QueryParam("size") String size) {
        return notices.all(cursor, Cursor.size(size));
    }
}
