package market.product.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import market.product.service.ProductService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * For chat (service role, never routed by the gateway): the seller accepted a price offer in a room and chose to
 * reserve the listing (예약중) for that room's buyer. Idempotent, so chat may retry.
 */
@Path("/internal/products/{id}/reservation")
@Produces(MediaType.APPLICATION_JSON)
public class InternalReservationResource {

    public record Reservation(
            @NotNull @Positive Long roomId,

            @NotNull @Size(min = 1, max = 64) String buyerId) {}

    private final ProductService products;

    public InternalReservationResource(ProductService products) {
        this.products = products;
    }

    @PUT
    @RolesAllowed("service")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response reserve(@PathParam("id") long id, @Valid @NotNull Reservation body) {
        products.reserveFor(id, body.roomId(), body.buyerId());
        return Response.noContent().build();
    }
}
