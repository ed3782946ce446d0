package market.product.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import market.product.service.ReportService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** POST /api/reports: 신고하기 a listing, a user, a comment or a chat message. */
@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reports", description = "Reports to the moderators (신고하기)")
@SecurityRequirement(name = "bearer")
public class ReportResource {

    private final ReportService reports;
    private final CurrentUser user;

    public ReportResource(ReportService reports, CurrentUser user) {
        this.reports = reports;
        this.user = user;
    }

    @POST
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Report a listing, a user, a comment or a chat message",
            description = "targetId is a string for every type: the decimal id of a listing, comment or message, or a"
                    + " user's id. One open report per reporter and target: a repeat answers the open one (200).")
    @APIResponse(
            responseCode = "201",
            description = "The new report",
            content = @Content(schema = @Schema(implementation = ReportView.class)))
    @APIResponse(
            responseCode = "200",
            description = "Your open report on this target, unchanged",
            content = @Content(schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not allowed for the caller (e.g. code suspended)")
    @APIResponse(responseCode = "404", description = "No such target (or a chat message of a room you are not in)")
    @APIResponse(responseCode = "409", description = "Your report on this was handled meanwhile; send it again")
    @APIResponse(responseCode = "422", description = "You can not report yourself or your own content")
    @APIResponse(responseCode = "429", description = "Rate limited (Retry-After says when to retry)")
    @APIResponse(responseCode = "503", description = "chat did not answer (a chat message report); retry later")
    public Response report(@Valid @NotNull ReportInput body) {
        ReportService.Filed filed =
                reports.report(user.caller(), body.targetType(), body.targetId(), body.reason(), body.text());
        ReportView view = ReportView.of(filed.report());
        return filed.created()
                ? Response.created(URI.create("/api/reports/" + view.id()))
                        .entity(view)
                        .build()
                : Response.ok(view).build();
    }
}
