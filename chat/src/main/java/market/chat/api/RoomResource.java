package market.chat.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import market.chat.service.RoomQueries;
import market.common.api.Cursor;
import market.common.api.Page;
import org.eclipse.microprofile.jwt.JsonWebToken;

@Path("/api/chat/rooms")
public class RoomResource {

    private final RoomQueries rooms;
    private final JsonWebToken jwt;

    public RoomResource(RoomQueries rooms, JsonWebToken jwt) {
        this.rooms = rooms;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed("user")
    public Page<RoomView> mine(@QueryParam("cursor") String cursor, @QueryParam("size") String size) {
        return rooms.roomsOf(jwt.getSubject(), cursor, Cursor.size(size));
    }
}
