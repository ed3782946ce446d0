package market.chat.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import market.chat.domain.MessageView;
import market.chat.domain.RoomView;
import market.chat.service.ChatService;
import market.chat.service.MessageHistory;
import market.chat.service.OfferService;
import market.chat.service.PhotoService;
import market.chat.service.RoomService;
import market.common.api.Cursor;
import market.common.api.Page;
import market.common.api.PhotoUploads;
import market.common.api.QueryParams;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/api/chat/rooms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "chat", description = "1:1 buyer–seller rooms and their messages (live delivery is the WebSocket /ws/chat)")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class RoomResource {

    private final RoomService rooms;
    private final MessageHistory history;
    private final ChatService chat;
    private final OfferService offers;
    private final PhotoService photos;
    private final JsonWebToken jwt;

    public RoomResource(
            RoomService rooms,
            MessageHistory history,
            ChatService chat,
            OfferService offers,
            PhotoService photos,
            JsonWebToken jwt) {
        this.offers = offers;
        this.photos = photos;
        this.rooms = rooms;
        this.history = history;
        this.chat = chat;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed("user")
    @Operation(
            summary = "My rooms, most recent first",
            description = "With productId only the rooms about that listing.")
    @APIResponse(responseCode = "200", description = "One page of rooms")
    @APIResponse(responseCode = "400", description = "productId, cursor or size is malformed")
    public Page<RoomView> mine(
            @QueryParam("productId") String productId,
            @QueryParam("cursor") String cursor,
            @QueryParam("size") String size) {
        return rooms.roomsOf(jwt.getSubject(), productId(productId), cursor, Cursor.size(size));
    }

    private static Long productId(String raw) {
        return QueryParams.optionalId("productId", raw, 1, "must be a listing id");
    }

    @POST
    @RolesAllowed("user")
    @Operation(summary = "Open (or return) my room about a listing")
    @APIResponse(
            responseCode = "201",
            description = "Opened",
            content = @Content(schema = @Schema(implementation = RoomView.class)),
            headers =
                    @Header(
                            name = "Location",
                            description = "the new room",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "200",
            description = "The room I already had",
            content = @Content(schema = @Schema(implementation = RoomView.class)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    @APIResponse(responseCode = "404", description = "No such listing")
    @APIResponse(responseCode = "422", description = "The seller cannot open a room on their own listing")
    @APIResponse(responseCode = "503", description = "A dependency is unavailable; retry later")
    public Response open(@Valid @NotNull OpenRoom body, @Context UriInfo uri) {
        RoomService.Opened opened = rooms.open(body.productId(), jwt.getSubject(), jwt.getClaim("preferred_username"));
        if (opened.created()) {
            return Response.created(uri.getAbsolutePathBuilder()
                            .path(Long.toString(opened.room().id()))
                            .build())
                    .entity(opened.room())
                    .build();
        }
        return Response.ok(opened.room()).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("user")
    @Operation(summary = "One room (participants only)")
    @APIResponse(responseCode = "200", description = "The room")
    @APIResponse(responseCode = "403", description = "Not a participant")
    @APIResponse(responseCode = "404", description = "Not found")
    public RoomView room(@PathParam("id") long id) {
        return rooms.view(id, jwt.getSubject());
    }

    @GET
    @Path("/{id}/messages")
    @RolesAllowed("user")
    @Operation(
            summary = "Messages of a room, always ascending",
            description = "after pages forward for catch-up; before or nothing returns the newest page.")
    @APIResponse(responseCode = "200", description = "One page of messages")
    @APIResponse(responseCode = "400", description = "after, before, cursor or size is malformed")
    @APIResponse(responseCode = "403", description = "Not a participant")
    @APIResponse(responseCode = "404", description = "Not found")
    public Page<MessageView> messages(
            @PathParam("id") long id,
            @QueryParam("after") String after,
            @QueryParam("before") String before,
            @QueryParam("cursor") String cursor,
            @QueryParam("size") String size) {
        return history.page(
                id,
                jwt.getSubject(),
                messageId("after", after),
                messageId("before", before),
                cursor,
                Cursor.size(size));
    }

    @POST
    @Path("/{id}/messages")
    @RolesAllowed("user")
    @Operation(
            summary = "Send a message",
            description = "The same clientMsgId again answers 200 with the stored message.")
    @APIResponse(
            responseCode = "201",
            description = "Stored",
            content = @Content(schema = @Schema(implementation = MessageView.class)))
    @APIResponse(
            responseCode = "200",
            description = "Already stored under this clientMsgId",
            content = @Content(schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    @APIResponse(responseCode = "403", description = "Not a participant")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(
            responseCode = "409",
            description = "An offer while the buyer already has an open (PENDING) offer on this listing")
    @APIResponse(
            responseCode = "422",
            description = "An offer on a listing not on sale, not taking offers, or at or above its price")
    @APIResponse(responseCode = "429", description = "Rate limited (Retry-After says when to retry)")
    public Response send(@PathParam("id") long id, @Valid @NotNull SendMessage body) {
        return sent(
                chat.send(id, jwt.getSubject(), body.content(), body.clientMsgId(), body.appointment(), body.offer()));
    }

    /** 201 with a message just stored, 200 with the one stored earlier under the same clientMsgId. */
    private static Response sent(ChatService.Sent sent) {
        return Response.status(sent.created() ? 201 : 200)
                .entity(sent.message())
                .build();
    }

    @POST
    @Path("/{id}/photos")
    @RolesAllowed("user")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(
            summary = "Send photos (a PHOTO message)",
            description = "multipart/form-data: files (1 to 10 parts, each a file with a filename; JPEG, PNG or WebP"
                    + " by content, at most 10 MB each), content (optional caption, as long as a text message may be)"
                    + " and clientMsgId (optional; the same clientMsgId again answers 200 with the stored message and"
                    + " stores nothing). EXIF and other metadata (GPS) are removed; the photos are served only to the"
                    + " room's two parties at their url/thumbnailUrl (GET /api/chat/photos/{key}, with the bearer"
                    + " token). The message is delivered live and pushed like any other.")
    @APIResponse(
            responseCode = "201",
            description = "Stored",
            content = @Content(schema = @Schema(implementation = MessageView.class)))
    @APIResponse(
            responseCode = "200",
            description = "Already stored under this clientMsgId",
            content = @Content(schema = @Schema(implementation = MessageView.class)))
    @APIResponse(
            responseCode = "400",
            description = "No files, a part that is not a file, a blank caption or a malformed clientMsgId")
    @APIResponse(responseCode = "403", description = "Not a participant, or the two parties are in a block")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "413", description = "A photo over 10 MB, or a text field over 8 KB")
    @APIResponse(responseCode = "415", description = "Not JPEG, PNG or WebP by content")
    @APIResponse(
            responseCode = "422",
            description = "More than 10 photos, an image of more than 50 million pixels, or the room is closed (탈퇴)")
    @APIResponse(responseCode = "429", description = "Rate limited (Retry-After says when to retry)")
    @APIResponse(responseCode = "503", description = "Photo storage is unavailable; nothing was stored")
    public Response sendPhotos(
            @PathParam("id") long id,
            @RestForm("files") List<FileUpload> files,
            @RestForm("content") String content,
            @RestForm("clientMsgId") @Size(min = 1, max = 64) @Pattern(regexp = SendMessage.CLIENT_MSG_ID)
                    String clientMsgId) {
        List<java.nio.file.Path> photos = PhotoUploads.files(
                files, PhotoService.MAX_PHOTOS, "A message carries at most " + PhotoService.MAX_PHOTOS + " photos");
        return sent(this.photos.send(id, jwt.getSubject(), photos, content, clientMsgId));
    }

    @POST
    @Path("/{id}/offers/{offerId}/accept")
    @RolesAllowed("user")
    @Operation(
            summary = "Accept a price offer (the seller)",
            description = "offerId is the OFFER message's id. The body is JSON ({} for the defaults). With reserve"
                    + " (default true) the listing first becomes"
                    + " 예약중 for the room's buyer; if that is refused nothing changes. Answers the SYSTEM message"
                    + " that records the change (also delivered live to both).")
    @APIResponse(
            responseCode = "200",
            description = "Accepted",
            content = @Content(schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    @APIResponse(responseCode = "403", description = "Not the seller of this room")
    @APIResponse(responseCode = "404", description = "No such room or offer")
    @APIResponse(
            responseCode = "409",
            description = "The offer is not PENDING, or the listing can no longer be reserved for this buyer")
    @APIResponse(responseCode = "503", description = "The product service is unavailable; nothing changed")
    public MessageView accept(@PathParam("id") long id, @PathParam("offerId") long offerId, @Valid OfferAnswer body) {
        boolean reserve = body == null || body.reserveOrDefault();
        return offers.resolve(id, offerId, jwt.getSubject(), OfferService.Action.ACCEPT, reserve);
    }

    @POST
    @Path("/{id}/offers/{offerId}/decline")
    @RolesAllowed("user")
    @Operation(summary = "Decline a price offer (the seller)")
    @APIResponse(
            responseCode = "200",
            description = "Declined: the SYSTEM message that records it",
            content = @Content(schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "403", description = "Not the seller of this room")
    @APIResponse(responseCode = "404", description = "No such room or offer")
    @APIResponse(responseCode = "409", description = "The offer is not PENDING")
    public MessageView decline(@PathParam("id") long id, @PathParam("offerId") long offerId) {
        return offers.resolve(id, offerId, jwt.getSubject(), OfferService.Action.DECLINE, false);
    }

    @POST
    @Path("/{id}/offers/{offerId}/withdraw")
    @RolesAllowed("user")
    @Operation(summary = "Withdraw my price offer (the buyer)")
    @APIResponse(
            responseCode = "200",
            description = "Withdrawn: the SYSTEM message that records it",
            content = @Content(schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "403", description = "Not the buyer of this room")
    @APIResponse(responseCode = "404", description = "No such room or offer")
    @APIResponse(responseCode = "409", description = "The offer is not PENDING")
    public MessageView withdraw(@PathParam("id") long id, @PathParam("offerId") long offerId) {
        return offers.resolve(id, offerId, jwt.getSubject(), OfferService.Action.WITHDRAW, false);
    }

    @POST
    @Path("/{id}/read")
    @RolesAllowed("user")
    @Operation(summary = "Mark read up to a message (only moves forward)")
    @APIResponse(responseCode = "204", description = "Marked")
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    @APIResponse(responseCode = "403", description = "Not a participant")
    @APIResponse(responseCode = "404", description = "Not found")
    public Response read(@PathParam("id") long id, @Valid @NotNull ReadMark body) {
        chat.read(id, jwt.getSubject(), body.lastReadId());
        return Response.noContent().build();
    }

    private static Long messageId(String name, String raw) {
        return QueryParams.optionalId(name, raw, 0, "must be a message id (0 or more)");
    }
}
