package market.product.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import market.common.api.Cursor;
import market.common.api.Page;
import market.common.api.QueryParams;
import market.product.domain.ModerationEntry;
import market.product.domain.Profile;
import market.product.domain.Report;
import market.product.domain.ReportStatus;
import market.product.service.ModerationService;
import market.product.service.ProductQueries;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The admins' moderation queue, their actions on reports and the log of those actions. */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "moderation", description = "Admins: reports, actions and the moderation log")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "Not an admin")
public class AdminModerationResource {

    private final ModerationService moderation;
    private final ProductQueries queries;
    private final CurrentUser user;

    public AdminModerationResource(ModerationService moderation, ProductQueries queries, CurrentUser user) {
        this.moderation = moderation;
        this.queries = queries;
        this.user = user;
    }

    @GET
    @Path("reports")
    @RolesAllowed("admin")
    @Operation(summary = "The moderation queue: reports in a status (default OPEN), newest first")
    @APIResponse(responseCode = "200", description = "One page of reports")
    @APIResponse(responseCode = "400", description = "status, cursor or size is malformed")
    public Page<AdminReportView> reports(
            @QueryParam("status") String status, @QueryParam("cursor") String cursor, @QueryParam("size") String size) {
        ReportStatus s = QueryParams.optionalEnum("status", status, ReportStatus.class);
        Page<Report> page = moderation.queue(s == null ? ReportStatus.OPEN : s, cursor, Cursor.size(size));
        List<String> ids = new ArrayList<>();
        for (Report r : page.items()) {
            ids.add(r.reporterId());
            ids.add(r.targetOwner());
        }
        Map<String, Profile> people = queries.profiles(ids.stream().distinct().toList());
        return new Page<>(
                page.items().stream()
                        .map(r -> new AdminReportView(
                                r.id(),
                                r.targetType(),
                                r.targetId(),
                                r.targetSummary(),
                                ref(r.targetOwner(), people),
                                ref(r.reporterId(), people),
                                r.reason(),
                                r.text(),
                                r.status(),
                                r.reportsOnTarget(),
                                r.createdAt(),
                                r.resolvedAt()))
                        .toList(),
                page.nextCursor());
    }

    @POST
    @Path("reports/{id}/actions")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Act on a report's target",
            description = "HIDE_LISTING (LISTING), DELETE_COMMENT (COMMENT), SUSPEND_USER (USER, or a MESSAGE's"
                    + " sender), DISMISS (any). Closes every open report of the same target and tells each reporter"
                    + " the outcome in their inbox.")
    @APIResponse(responseCode = "200", description = "The action as logged")
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    @APIResponse(responseCode = "404", description = "No such report")
    @APIResponse(responseCode = "409", description = "The report was already handled (another admin was first)")
    @APIResponse(responseCode = "422", description = "The action does not apply to this report's target type")
    public ModerationEntryView act(@PathParam("id") long id, @Valid @NotNull ModerationActionInput body) {
        ModerationService.Acted acted = moderation.act(user.caller(), id, body.action(), body.note());
        return view(acted.entry(), queries.profiles(List.of(acted.entry().adminId())));
    }

    @GET
    @Path("moderation-log")
    @RolesAllowed("admin")
    @Operation(summary = "Every admin action on reports, newest first")
    @APIResponse(responseCode = "200", description = "One page of the log")
    @APIResponse(responseCode = "400", description = "cursor or size is malformed")
    public Page<ModerationEntryView> log(@QueryParam("cursor") String cursor, @QueryParam("size") String size) {
        Page<ModerationEntry> page = moderation.log(cursor, Cursor.size(size));
        Map<String, Profile> admins = queries.profiles(
                page.items().stream().map(ModerationEntry::adminId).distinct().toList());
        return new Page<>(page.items().stream().map(e -> view(e, admins)).toList(), page.nextCursor());
    }

    private static ModerationEntryView view(ModerationEntry e, Map<String, Profile> admins) {
        return new ModerationEntryView(
                e.id(),
                ref(e.adminId(), admins),
                e.action(),
                e.targetType(),
                e.targetId(),
                e.reportId(),
                e.note(),
                e.createdAt());
    }

    private static AdminReportView.UserRef ref(String id, Map<String, Profile> people) {
        Profile p = people.get(id);
        return new AdminReportView.UserRef(id, p == null ? "이웃" : p.nickname());
    }
}
