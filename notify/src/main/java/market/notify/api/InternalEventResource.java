package market.notify.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import market.common.api.ApiException;
import market.common.events.InternalEvent;
import market.common.text.TextRules;
import market.notify.service.EventService;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Personal events from product and chat (service accounts only; never routed by the gateway). */
@Path("/internal/events")
@Produces(MediaType.APPLICATION_JSON)
public class InternalEventResource {

    public record EventAccepted(long notificationId, boolean duplicate, boolean pushed) {}

    /** Keys FCM reserves in data payloads; a message carrying one would be refused for every device. */
    private static final int MAX_VALUE_LENGTH = 1000;

    private static final Set<String> RESERVED = Set.of("from", "notification", "message_type", "collapse_key");

    private final EventService events;
    private final JsonWebToken jwt;

    public InternalEventResource(EventService events, JsonWebToken jwt) {
        this.events = events;
        this.jwt = jwt;
    }

    @POST
    @RolesAllowed("service")
    @Operation(hidden = true)
    public Response accept(@Valid @NotNull InternalEvent body) {
        EventService.Accepted a = events.accept(
                jwt.getSubject(),
                body.idempotencyKey(),
                body.type(),
                body.recipientId(),
                body.title(),
                body.body(),
                stringData(body.data()));
        return Response.accepted(new EventAccepted(a.notificationId(), a.duplicate(), a.pushed()))
                .build();
    }

    /**
     * FCM data values are strings; producers may send ids and flags as JSON numbers or booleans, which are
     * kept as their JSON text. Objects, arrays and FCM's reserved keys are refused.
     */
    private static Map<String, String> stringData(Map<String, Object> data) {
        Map<String, String> out = new LinkedHashMap<>();
        if (data == null) {
            return out;
        }
        data.forEach((key, value) -> {
            String k = key.toLowerCase(Locale.ROOT);
            if (RESERVED.contains(k) || k.startsWith("google.") || k.startsWith("gcm.")) {
                throw ApiException.badRequest("data." + key, "reserved by FCM");
            }
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw ApiException.badRequest("data." + key, "must be a string, number or boolean");
            }
            String text = value.toString();
            if (TextRules.length(text) > MAX_VALUE_LENGTH) {
                throw ApiException.badRequest("data." + key, "at most " + MAX_VALUE_LENGTH + " characters");
            }
            out.put(key, text);
        });
        return out;
    }
}
