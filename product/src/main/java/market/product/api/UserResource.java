package market.product.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import market.common.api.ApiException;
import market.product.domain.Profile;
import market.product.service.ProductQueries;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users", description = "Public profiles")
public class UserResource {

    private final ProductQueries queries;

    public UserResource(ProductQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Operation(summary = "A user's public profile (never the email)")
    @APIResponse(responseCode = "200", description = "The public profile")
    @APIResponse(responseCode = "404", description = "Not found")
    public PublicProfile get(@PathParam("id") String id) {
        Profile p = id.length() > 64 ? null : queries.profiles(List.of(id)).get(id);
        if (p == null) {
            throw ApiException.notFound("User");
        }
        long[] counts = queries.listingCounts(id);
        return new PublicProfile(
                p.id(),
                p.nickname(),
                p.region(),
                p.regionCode(),
                p.regionVerifiedAt(),
                p.mannerTemperature(),
                counts[0],
                counts[1]);
    }
}
