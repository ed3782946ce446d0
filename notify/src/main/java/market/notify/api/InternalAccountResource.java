package market.notify.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import market.notify.service.AccountService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * From product's outbox (service role, never routed by the gateway): the account was deleted (탈퇴). Idempotent:
 * 204 every time.
 */
@Path("/internal/accounts/{userId}/deleted")
@Produces(MediaType.APPLICATION_JSON)
public class InternalAccountResource {

    private final AccountService accounts;

    public InternalAccountResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @POST
    @RolesAllowed("service")
    @Operation(hidden = true)
    public Response deleted(
            @PathParam("userId") @Pattern(regexp = "[A-Za-z0-9-]{1,64}", message = "must be a user id") String userId) {
        accounts.deleted(userId);
        return Response.noContent().build();
    }
}
