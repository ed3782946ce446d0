package market.chat.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import market.common.api.ApiException;
import market.common.logging.RequestIdPropagation;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.ClientWebApplicationException;

/** The public product detail endpoint (DESIGN section 5); only the fields chat uses are read. */
@RegisterProvider(RequestIdPropagation.class)
@RegisterRestClient(configKey = "product")
@Path("/api/products")
// the servers answer JSON or 406, so the Accept header says JSON
@Produces(MediaType.APPLICATION_JSON)
public interface ProductApi {

    @GET
    @Path("/{id}")
    Product get(@PathParam("id") long id);

    /** 404 is a definite answer (no retry, no fallback); anything else is the product service failing. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() == 404) {
            return ApiException.notFound("Product");
        }
        return new ClientWebApplicationException(
                "product service answered " + response.getStatus(), response.getStatus());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Product(
            long id, String title, long price, Boolean negotiable, String status, Seller seller, List<Image> images) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Seller(String id, String nickname) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Image(String thumbnailUrl, String url) {}
}
