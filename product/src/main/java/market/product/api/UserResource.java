package market.product.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import market.common.api.ApiException;
import market.product.domain.Profile;
import market.product.service.ProductQueries;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private final ProductQueries queries;

    public UserResource(ProductQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("{id}")
    @PermitAll
    public PublicProfile get(@PathParam("id") String id) {
        Profile p = id.length() > 64 ? null : queries.profiles(List.of(id)).get(id);
        if (p == null) {
            throw ApiException.notFound("User");
        }
        long[] counts = queries.listingCounts(id);
        return new PublicProfile(p.id, p.nickname, p.region, p.mannerTemperature, counts[0], counts[1]);
    }
}
