package market.product.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import market.common.events.InternalEvent;
import market.common.logging.RequestIdPropagation;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** notify's internal API; the filter adds product-service's client-credentials token. */
@RegisterProvider(RequestIdPropagation.class)
@RegisterRestClient(configKey = "notify")
@OidcClientFilter
// the servers answer JSON or 406, so the Accept header says JSON
@Produces(MediaType.APPLICATION_JSON)
public interface NotifyApi {

    @POST
    @Path("/internal/events")
    @Consumes(MediaType.APPLICATION_JSON)
    void send(InternalEvent event);

    /** 탈퇴: notify deletes the account's devices, settings and inbox (idempotent). */
    @POST
    @Path("/internal/accounts/{userId}/deleted")
    void accountDeleted(@PathParam("userId") String userId);
}
