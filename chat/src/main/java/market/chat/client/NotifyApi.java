package market.chat.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import market.common.events.InternalEvent;
import market.common.logging.RequestIdPropagation;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** notify's service-only event intake; the filter adds chat-service's client-credentials token. */
@RegisterProvider(RequestIdPropagation.class)
@RegisterRestClient(configKey = "notify")
@OidcClientFilter
@Path("/internal/events")
// the servers answer JSON or 406, so the Accept header says JSON
@Produces(MediaType.APPLICATION_JSON)
public interface NotifyApi {

    @POST
    void publish(InternalEvent event);
}
