package market.chat.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import market.common.logging.RequestIdPropagation;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** product's service-only route (never routed by the gateway): everyone in a block (차단) with a user, either way. */
@RegisterProvider(RequestIdPropagation.class)
@RegisterRestClient(configKey = "product")
@OidcClientFilter
@Path("/internal/users")
// the servers answer JSON or 406, so the Accept header says JSON
@Produces(MediaType.APPLICATION_JSON)
public interface ProductBlocksApi {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Parties(List<String> userIds) {}

    @GET
    @Path("/{id}/blocks")
    Parties parties(@PathParam("id") String userId);
}
