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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import market.common.api.Cursor;
import market.common.api.Page;
import market.common.api.QueryParams;
import market.common.text.Text;
import market.notify.domain.NoticeType;
import market.notify.domain.NoticeView;
import market.notify.service.NoticeQueries;
import market.notify.service.NoticeService;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notices", description = "Notices and ads sent by admins")
public class NoticeResource {

    /** What anyone sees of a published notice. */
    public record PublicNotice(long id, String title, String body, String link, OffsetDateTime publishedAt) {}

    /** Compose a notice or ad; without scheduledAt it goes out now. */
    public record NoticeRequest(
            @NotNull NoticeType type,

            @NotBlank @Text(min = 1, max = 100, singleLine = true)
            String title,

            @NotBlank @Text(min = 1, max = 2000) String body,

            @Size(max = 500)
            @Pattern(regexp = "(https?://|/)[\\x21-\\x7E]*", message = "must be an http(s) URL or an app path")
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
    @Operation(summary = "Published notices (not ads), newest first")
    @APIResponse(responseCode = "200", description = "One page of notices")
    @APIResponse(responseCode = "400", description = "cursor or size is malformed")
    public Page<PublicNotice> published(@QueryParam("cursor") String cursor, @QueryParam("size") String size) {
        Page<NoticeView> page = notices.published(cursor, Cursor.size(size));
        return new Page<>(
                page.items().stream()
                        .map(n -> new PublicNotice(n.id(), n.title(), n.body(), n.link(), n.sentAt()))
                        .toList(),
                page.nextCursor());
    }

    @GET
    @Path("/admin/notices")
    @RolesAllowed("admin")
    @Operation(summary = "Every notice and ad with delivery stats (admin)")
    @APIResponse(responseCode = "200", description = "One page of notices and ads")
    @SecurityRequirement(name = "bearer")
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not allowed for the caller")
    public Page<NoticeView> all(@QueryParam("cursor") String cursor, @QueryParam("size") String size) {
        return notices.all(cursor, Cursor.size(size));
    }

    /** 202: accepted for delivery (status SENDING) or scheduled (SCHEDULED); progress shows in the stats. */
    @POST
    @Path("/admin/notices")
    @RolesAllowed("admin")
    @Operation(summary = "Send or schedule a notice or ad (admin)")
    @SecurityRequirement(name = "bearer")
    @APIResponse(
            responseCode = "202",
            description = "Accepted",
            content = @Content(schema = @Schema(implementation = NoticeView.class)),
            headers =
                    @Header(name = "Location", description = "the notice", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not allowed for the caller")
    public Response create(@Valid @NotNull NoticeRequest body) {
        NoticeView view = commands.create(
                jwt.getSubject(), body.type(), body.title(), body.body(), body.link(), body.scheduledAt());
        return Response.accepted(view)
                .location(URI.create("/api/admin/notices/" + view.id()))
                .build();
    }

    @GET
    @Path("/admin/notices/{id}")
    @RolesAllowed("admin")
    @Operation(summary = "One notice or ad with delivery stats (admin)")
    @APIResponse(responseCode = "200", description = "The notice or ad")
    @SecurityRequirement(name = "bearer")
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not allowed for the caller")
    @APIResponse(responseCode = "404", description = "Not found")
    public NoticeView get(@PathParam("id") String id) {
        return commands.get(QueryParams.pathId(id, "Notice"));
    }

    /** Cancels a scheduled notice (409 once it is being sent or done). */
    @DELETE
    @Path("/admin/notices/{id}")
    @RolesAllowed("admin")
    @Operation(summary = "Cancel a notice while SCHEDULED (admin)")
    @SecurityRequirement(name = "bearer")
    @APIResponse(responseCode = "200", description = "The cancelled notice")
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not allowed for the caller")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "409", description = "No longer SCHEDULED")
    public NoticeView cancel(@PathParam("id") String id) {
        return commands.cancel(QueryParams.pathId(id, "Notice"));
    }
}
