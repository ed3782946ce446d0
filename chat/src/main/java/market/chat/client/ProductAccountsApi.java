package market.chat.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import market.common.logging.RequestIdPropagation;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** product's service-only feed of deleted accounts (탈퇴), in the order the deletions committed. */
@RegisterProvider(RequestIdPropagation.class)
@RegisterRestClient(configKey = "product")
@OidcClientFilter
@Path("/internal/accounts/deleted")
@Produces(MediaType.APPLICATION_JSON)
public interface ProductAccountsApi {

    record Deleted(long seq, String userId, OffsetDateTime deletedAt) {}

    record DeletedPage(List<Deleted> items) {}

    @GET
    DeletedPage after(@QueryParam("after") long after, @QueryParam("size") int size);
}
