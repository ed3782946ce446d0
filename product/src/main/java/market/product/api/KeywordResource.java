package market.product.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import market.common.api.Page;
import market.product.domain.KeywordAlert;
import market.product.service.KeywordService;
import jakarta.ws.rs.Produces;

@Path("/api/me/keywords")
@Produces(MediaType.APPLICATION_JSON)
public class KeywordResource {

    private final KeywordService keywords;
    private final CurrentUser user;

    public KeywordResource(KeywordService keywords, CurrentUser user) {
        this.keywords = keywords;
        this.user = user;
    }

    /** At most 30, so one page always holds them all. */
    @GET
    @RolesAllowed("user")
    public Page<KeywordView> list() {
        return new Page<>(keywords.list(user.caller().id()).stream().map(KeywordView::of).toList(), null);
    }

    @POST
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@Valid @NotNull KeywordInput body) {
        KeywordAlert k = keywords.add(user.caller(), body.keyword());
        return Response.created(URI.create("/api/me/keywords/" + k.id)).entity(KeywordView.of(k)).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("user")
    public Response remove(@PathParam("id") long id) {
        keywords.remove(user.caller(), id);
        return Response.noContent().build();
    }
}
