package market.chat.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import market.chat.service.PhotoService;
import market.chat.storage.PhotoStore;
import market.common.api.PhotoResponses;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Chat photos come from the private bucket through here, to the room's two parties only, with the headers every
 * photo answer gets ({@link PhotoResponses}: the type from our record, nosniff, a sandboxing CSP) and a private
 * cache lifetime: the browser may keep a photo (its key never names other bytes), no shared cache may.
 */
@Path("/api/chat/photos")
@Produces({"image/jpeg", "image/png", "image/webp"})
@Tag(name = "chat")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class PhotoResource {

    private final PhotoService photos;
    private final JsonWebToken jwt;

    public PhotoResource(PhotoService photos, JsonWebToken jwt) {
        this.photos = photos;
        this.jwt = jwt;
    }

    @GET
    @Path("{key}")
    @RolesAllowed("user")
    @Operation(
            summary = "A chat photo's bytes (the room's two parties only)",
            description = "The url or thumbnailUrl of a PHOTO message's photo. Content type from our record;"
                    + " nosniff and a sandboxing Content-Security-Policy; Cache-Control private and immutable.")
    @APIResponse(
            responseCode = "200",
            description = "The image",
            content = @Content(mediaType = "image/*", schema = @Schema(implementation = String.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such photo, or the caller is not a party of its room (the same answer)")
    @APIResponse(responseCode = "503", description = "Photo storage is unavailable")
    public Response get(@PathParam("key") String key) {
        return PhotoResponses.ok(photos.open(jwt.getSubject(), key), PhotoStore.CACHE_CONTROL);
    }
}
