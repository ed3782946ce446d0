package market.chat.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import market.chat.domain.ReportedMessage;
import market.chat.service.MessageHistory;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * For product's moderation (service role, never routed by the gateway): one message with its room's parties,
 * so a report of a chat message can be checked and keep what was said. 404 when there is no such message.
 */
@Path("/internal/messages")
@Produces(MediaType.APPLICATION_JSON)
public class InternalMessageResource {

    private final MessageHistory history;

    public InternalMessageResource(MessageHistory history) {
        this.history = history;
    }

    @GET
    @Path("{id}")
    @RolesAllowed("service")
    @Operation(hidden = true)
    public ReportedMessage message(@PathParam("id") long id) {
        return history.reported(id);
    }
}
