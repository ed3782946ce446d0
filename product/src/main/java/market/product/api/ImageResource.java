package market.product.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import market.product.service.ImageService;
import market.product.storage.ImageStore;
import jakarta.ws.rs.Produces;

/** Photos come from the private bucket through here, never by a public bucket URL. */
@Path("/api/images")
@Produces({"image/jpeg", "image/png", "image/webp"})
public class ImageResource {

    private final ImageService images;

    public ImageResource(ImageService images) {
        this.images = images;
    }

    @GET
    @Path("{key}")
    @PermitAll
    public Response get(@PathParam("key") String key) {
        ImageService.Opened img = images.open(key);
        Response.ResponseBuilder rb = Response.ok(img.stream(), img.contentType())
                .header("Cache-Control", ImageStore.CACHE_CONTROL)
                .header("X-Content-Type-Options", "nosniff");
        if (img.length() != null) {
            rb.header("Content-Length", img.length());
        }
        return rb.build();
    }
}
