package market.product.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import market.common.api.PhotoUploads;
import market.product.domain.ProductImage;
import market.product.service.ImageService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/api/products/{id}/images")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "products")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class ProductImageResource {

    private final ImageService images;
    private final CurrentUser user;

    public ProductImageResource(ImageService images, CurrentUser user) {
        this.images = images;
        this.user = user;
    }

    @POST
    @RolesAllowed("user")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Add photos (multipart field files; JPEG/PNG/WebP, each at most 10 MB, 10 per listing)")
    @APIResponse(
            responseCode = "201",
            description = "The stored photos",
            content = @Content(schema = @Schema(implementation = ProductViews.Image.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    @APIResponse(responseCode = "403", description = "Not allowed for the caller")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "413", description = "A photo over 10 MB")
    @APIResponse(responseCode = "415", description = "Not JPEG, PNG or WebP by content")
    @APIResponse(responseCode = "422", description = "More than 10 photos")
    @APIResponse(responseCode = "429", description = "Rate limited (Retry-After says when to retry)")
    public Response upload(@PathParam("id") long id, @RestForm("files") List<FileUpload> files) {
        List<ImageService.Upload> uploads = PhotoUploads.files(
                        files,
                        ProductImage.MAX_PER_PRODUCT,
                        "A listing has at most " + ProductImage.MAX_PER_PRODUCT + " photos")
                .stream()
                .map(file -> new ImageService.Upload(PhotoUploads.read(file)))
                .toList();
        List<ProductViews.Image> out = images.add(user.caller(), id, uploads).stream()
                .map(i -> new ProductViews.Image(
                        i.id(),
                        ProductMapper.imageUrl(i.objectKey()),
                        ProductMapper.imageUrl(i.thumbKey()),
                        i.width(),
                        i.height()))
                .toList();
        return Response.status(201).entity(out).build();
    }

    @DELETE
    @Path("{imageId}")
    @RolesAllowed("user")
    @Operation(summary = "Remove a photo")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "Not allowed for the caller")
    @APIResponse(responseCode = "404", description = "Not found")
    public Response delete(@PathParam("id") long id, @PathParam("imageId") long imageId) {
        images.remove(user.caller(), id, imageId);
        return Response.noContent().build();
    }
}
