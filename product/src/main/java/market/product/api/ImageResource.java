package market.product.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import market.common.api.PhotoResponses;
import market.product.service.ImageService;
import market.product.storage.ImageStore;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Photos come from the private bucket through here, never by a public bucket URL, with the headers every photo
 * answer gets ({@link PhotoResponses}): the type from our record, nosniff, a sandboxing Content-Security-Policy.
 */
@Path("/api/images")
@Produces({"image/jpeg", "image/png", "image/webp"})
@Tag(name = "images", description = "Photo bytes, from the private bucket")
public class ImageResource {

    private final ImageService images;

    public ImageResource(ImageService images) {
        this.images = images;
    }

    @GET
    @Path("{key}")
    @PermitAll
    @Operation(
            summary = "Photo bytes",
            description =
                    "Content type from the listing record; nosniff and a sandboxing Content-Security-Policy; long cache headers.")
    @APIResponse(
            responseCode = "200",
            description = "The image",
            content = @Content(mediaType = "image/*", schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "404", description = "Unknown key, or the bytes are not the recorded format")
    public Response get(@PathParam("key") String key) {
        return PhotoResponses.ok(images.open(key), ImageStore.CACHE_CONTROL);
    }
}
