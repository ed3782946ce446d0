package market.notify.api;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import market.common.api.Cursor;
import market.common.api.QueryParams;
import market.notify.domain.InboxItem;
import market.notify.service.InboxService;
import market.notify.service.InboxStreams;
import market.notify.service.SettingsService;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/api/me/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "inbox", description = "In-app notifications: personal ones merged with notices and ads")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class InboxResource {

    public record ReadRequest(@NotNull @Positive Long upToId) {}

    public record Unread(long unreadCount) {}

    public record Item(
            long id,
            String type,
            String title,
            String body,
            Map<String, String> data,
            boolean read,
            OffsetDateTime createdAt) {
        static Item of(InboxItem i) {
            return new Item(i.id(), i.type(), i.title(), i.body(), i.data(), i.read(), i.createdAt());
        }
    }

    public record InboxPage(List<Item> items, String nextCursor, long unreadCount) {
        static InboxPage of(InboxService.Listing l) {
            return new InboxPage(l.items().stream().map(Item::of).toList(), l.nextCursor(), l.unreadCount());
        }
    }

    /** Keeps proxies (the gateway's idle timeout) from closing a quiet stream. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final InboxService inbox;
    private final InboxStreams streams;
    private final SettingsService settings;
    private final AccountCreation accounts;
    private final JsonWebToken jwt;
    private final InboxEvents events;

    public InboxResource(
            InboxService inbox,
            InboxStreams streams,
            SettingsService settings,
            AccountCreation accounts,
            JsonWebToken jwt,
            InboxEvents events) {
        this.inbox = inbox;
        this.streams = streams;
        this.events = events;
        this.settings = settings;
        this.accounts = accounts;
        this.jwt = jwt;
    }

    /** The caller from now on gets every broadcast; so does a caller notify has never seen before. */
    private String caller() {
        settings.seen(jwt.getSubject(), accounts.of(jwt));
        return jwt.getSubject();
    }

    /** Newest first, with the number of unread items. */
    @GET
    @RolesAllowed("user")
    @Operation(summary = "My inbox, newest first, with unreadCount")
    @APIResponse(responseCode = "200", description = "One page of my inbox")
    @APIResponse(responseCode = "400", description = "cursor or size is malformed")
    public InboxPage list(@QueryParam("cursor") String cursor, @QueryParam("size") String size) {
        int pageSize = Cursor.size(size);
        Cursor.decode(cursor, 1); // a bad cursor is refused before anything is recorded about the caller
        return InboxPage.of(inbox.page(caller(), cursor, pageSize));
    }

    @POST
    @Path("/read")
    @RolesAllowed("user")
    @Operation(summary = "Mark read up to and including upToId")
    @APIResponse(responseCode = "200", description = "What is still unread")
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    public Unread read(@Valid @NotNull ReadRequest body) {
        return new Unread(inbox.markRead(caller(), body.upToId()));
    }

    /**
     * Server-Sent Events: each new inbox item as event "notification" with its id, so a reconnect with
     * Last-Event-ID (or ?lastEventId= where headers cannot be set) replays what was missed.
     */
    @GET
    @Path("/stream")
    @Blocking // reads the starting point from the database; the stream itself is not tied to this thread
    @Produces(MediaType.SERVER_SENT_EVENTS)
    // The data is JSON by this declaration, not by a media type per event: RESTEasy writes an event's own
    // media type as a "content-type:" line, which is no SSE field (the stream must be id/event/data only).
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed("user")
    @Operation(
            summary = "Live inbox (Server-Sent Events)",
            description =
                    "Events named notification, the notification id as event id and its JSON as data; reconnect with Last-Event-ID (or ?lastEventId=) to replay what was missed.")
    @APIResponse(
            responseCode = "200",
            description = "The event stream",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "400", description = "Last-Event-ID is malformed")
    public Multi<OutboundSseEvent> stream(
            @HeaderParam("Last-Event-ID") String lastEventIdHeader,
            @QueryParam("lastEventId") String lastEventIdQuery,
            @Context Sse sse) {
        Long lastEventId = QueryParams.optionalId(
                "Last-Event-ID",
                lastEventIdHeader != null ? lastEventIdHeader : lastEventIdQuery,
                0,
                "must be a notification id");
        String userId = caller();
        Multi<OutboundSseEvent> items = streams.open(userId, lastEventId).map(item -> events.of(sse, item));
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom()
                .ticks()
                .every(HEARTBEAT)
                .map(t -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(items, heartbeats);
    }
}
