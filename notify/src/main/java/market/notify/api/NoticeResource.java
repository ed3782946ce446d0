package market.notify.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import market.common.api.Cursor;
import market.common.api.Page;
import market.common.api.QueryParams;
import market.notify.domain.NoticeType;
import market.notify.service.NoticeQueries;
import market.notify.service.NoticeService;
import org.eclipse.microprofile.jwt.JsonWebToken;
import market.common.text.Text;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeResource {

    /** What anyone sees of a published notice. */
    public record PublicNotice(long id, String title, String body, String link, OffsetDateTime publishedAt) {}

    /** Compose a notice or ad; without scheduledAt it goes out now. */
    public record NoticeRequest(
            @NotNull NoticeType type,
            @NotBlank @Text(min = 1, max = 100, singleLine = true) String title,
            @NotBlank @Text(min = 1, max = 2000) String body,
            @Size(max = 500) @Pattern(regexp = "(https?://|/)[\\x21-\\x7E]*", message = "must be an http(s) URL or an app path")
            String link,
            OffsetDateTime scheduledAt) {}

    private final NoticeQueries notices;
    private final NoticeService commands;
    private final JsonWebToken jwt;

    public NoticeResource(NoticeQueries notices, NoticeService commands, JsonWebToken jwt) {
        this.notices = notices;
        this.commands = commands;
        this.jwt = jwt;
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

    /** 202: accepted for delivery (status SENDING) or scheduled (SCHEDULED); progress shows in the stats. */
    @POST
    @Path("/admin/notices")
    @RolesAllowed("admin")
    public Response create(@Valid @NotNull NoticeRequest body) {
        NoticeView view = commands.create(jwt.getSubject(), body.type(), body.title(), body.body(), body.link(),
                body.scheduledAt());
        return Response.accepted(view).location(URI.create("/api/admin/notices/" + view.id())).build();
    }

    @GET
    @Path("/admin/notices/{id}")
    @RolesAllowed("admin")
    public NoticeView get(@PathParam("id") String id) {
        return commands.get(QueryParams.pathId(id, "Notice"));
    }

    /** Cancels a scheduled notice (409 once it is being sent or done). */
    @DELETE
    @Path("/admin/notices/{id}")
    @RolesAllowed("admin")
    public NoticeView cancel(@PathParam("id") String id) {
        return commands.cancel(QueryParams.pathId(id, "Notice"));
    }
}
