package market.product.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import market.product.service.BlockService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * For chat (service role, never routed by the gateway): everyone in a block with this user, either way. chat
 * caches the answer per user for a few seconds and refuses rooms and messages between blocked parties.
 */
@Path("/internal/users/{id}/blocks")
@Produces(MediaType.APPLICATION_JSON)
public class InternalBlockResource {

    /** userIds: whom the user blocked (at most 1,000) and who blocked them. */
    public record Parties(List<String> userIds) {}

    private final BlockService blocks;

    public InternalBlockResource(BlockService blocks) {
        this.blocks = blocks;
    }

    @GET
    @RolesAllowed("service")
    @Operation(hidden = true)
    public Parties parties(@PathParam("id") String id) {
        return new Parties(blocks.partiesOf(id));
    }
}
