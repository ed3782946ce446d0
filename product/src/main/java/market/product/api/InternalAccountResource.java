package market.product.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import market.common.api.QueryParams;
import market.product.domain.DeletedAccount;
import market.product.service.AccountService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * For chat (service role, never routed by the gateway): the accounts deleted after a position, in commit order.
 * chat reads this feed on a schedule and closes the rooms of each account (it keeps its position), so a deletion
 * reaches chat however long chat was away, without product calling chat.
 */
@Path("/internal/accounts/deleted")
@Produces(MediaType.APPLICATION_JSON)
public class InternalAccountResource {

    public record Deleted(long seq, String userId, OffsetDateTime deletedAt) {}

    public record DeletedPage(List<Deleted> items) {}

    private final AccountService accounts;

    public InternalAccountResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @GET
    @RolesAllowed("service")
    @Operation(hidden = true)
    public DeletedPage deleted(@QueryParam("after") String after, @QueryParam("size") String size) {
        Long from = QueryParams.optionalLong("after", after, 0, Long.MAX_VALUE);
        Long limit = QueryParams.optionalLong("size", size, 1, 500);
        List<DeletedAccount> rows =
                accounts.deletedAfter(from == null ? 0 : from, limit == null ? 100 : limit.intValue());
        return new DeletedPage(rows.stream()
                .map(d -> new Deleted(d.seq(), d.userId(), d.deletedAt()))
                .toList());
    }
}
