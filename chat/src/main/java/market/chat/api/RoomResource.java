package market.chat.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import market.chat.service.ChatService;
import market.chat.service.MessageStore;
import market.chat.service.RoomQueries;
import market.chat.service.RoomService;
import market.common.api.Cursor;
import market.common.api.Page;
import market.common.api.QueryParams;
import org.eclipse.microprofile.jwt.JsonWebToken;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/chat/rooms")
@Produces(MediaType.APPLICATION_JSON)
public class RoomResource {

    private final RoomQueries queries;
    private final RoomService rooms;
    private final MessageStore messages;
    private final ChatService chat;
    private final JsonWebToken jwt;

    public RoomResource(RoomQueries queries, RoomService rooms, MessageStore messages, ChatService chat,
            JsonWebToken jwt) {
        this.queries = queries;
        this.rooms = rooms;
        this.messages = messages;
        this.chat = chat;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed("user")
    public Page<RoomView> mine(@QueryParam("productId") String productId, @QueryParam("cursor") String cursor,
            @QueryParam("size") String size) {
        return queries.roomsOf(jwt.getSubject(), productId(productId), cursor, Cursor.size(size));
    }

    private static Long productId(String raw) {
        return QueryParams.optionalId("productId", raw, 1, "must be a listing id");
    }

    @POST
    @RolesAllowed("user")
    public Response open(@Valid @NotNull OpenRoom body, @Context UriInfo uri) {
        RoomService.Opened opened = rooms.open(body.productId(), jwt.getSubject(), jwt.getClaim("preferred_username"));
        if (opened.created()) {
            return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(opened.room().id())).build())
                    .entity(opened.room()).build();
        }
        return Response.ok(opened.room()).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("user")
    public RoomView room(@PathParam("id") long id) {
        return rooms.view(id, jwt.getSubject());
    }

    @GET
    @Path("/{id}/messages")
    @RolesAllowed("user")
    public Page<MessageView> messages(@PathParam("id") long id, @QueryParam("after") String after,
            @QueryParam("before") String before, @QueryParam("cursor") String cursor,
            @QueryParam("size") String size) {
        return messages.page(id, jwt.getSubject(), messageId("after", after), messageId("before", before), cursor,
                Cursor.size(size));
    }

    @POST
    @Path("/{id}/messages")
    @RolesAllowed("user")
    public Response send(@PathParam("id") long id, @Valid @NotNull SendMessage body) {
        MessageStore.Stored stored = chat.send(id, jwt.getSubject(), body.content(), body.clientMsgId(),
                body.appointment());
        return Response.status(stored.created() ? 201 : 200).entity(stored.message()).build();
    }

    @POST
    @Path("/{id}/read")
    @RolesAllowed("user")
    public Response read(@PathParam("id") long id, @Valid @NotNull ReadMark body) {
        chat.read(id, jwt.getSubject(), body.lastReadId());
        return Response.noContent().build();
    }

    private static Long messageId(String name, String raw) {
        return QueryParams.optionalId(name, raw, 0, "must be a message id (0 or more)");
    }
}
