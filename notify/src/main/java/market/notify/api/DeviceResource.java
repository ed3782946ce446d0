package market.notify.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import market.notify.domain.Device;
import market.notify.domain.Platform;
import market.notify.domain.Topics;
import market.notify.service.DeviceService;
import market.notify.service.SettingsService;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/devices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "devices", description = "Push tokens of the caller's devices")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class DeviceResource {

    /** FCM registration tokens are printable ASCII without spaces (typically ~160 characters). */
    public record DeviceRegistration(
            @NotBlank @Size(max = 4096) @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be an FCM token")
            String token,

            @NotNull Platform platform) {}

    public record DeviceView(
            String token, Platform platform, List<String> topics, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static DeviceView of(Device d) {
            List<String> topics = new ArrayList<>(List.of(Topics.NOTICES));
            if (d.ads()) {
                topics.add(Topics.ADS);
            }
            return new DeviceView(d.token(), d.platform(), topics, d.createdAt(), d.updatedAt());
        }
    }

    private final DeviceService devices;
    private final SettingsService settings;
    private final AccountCreation accounts;
    private final JsonWebToken jwt;

    public DeviceResource(DeviceService devices, SettingsService settings, AccountCreation accounts, JsonWebToken jwt) {
        this.devices = devices;
        this.settings = settings;
        this.accounts = accounts;
        this.jwt = jwt;
    }

    /** 201 when the token is new to the caller, 200 when the caller refreshed it. */
    @POST
    @RolesAllowed("user")
    @Operation(summary = "Register or refresh a push token")
    @APIResponse(
            responseCode = "201",
            description = "Registered",
            content = @Content(schema = @Schema(implementation = DeviceView.class)))
    @APIResponse(
            responseCode = "200",
            description = "Refreshed",
            content = @Content(schema = @Schema(implementation = DeviceView.class)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    public Response register(@Valid @NotNull DeviceRegistration body) {
        settings.seen(jwt.getSubject(), accounts.of(jwt));
        DeviceService.Registration r = devices.register(jwt.getSubject(), body.token(), body.platform());
        return Response.status(r.created() ? 201 : 200)
                .entity(DeviceView.of(r.device()))
                .build();
    }

    @DELETE
    @Path("/{token}")
    @RolesAllowed("user")
    @Operation(summary = "Forget a push token")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "Unknown, or registered to another account (the same answer)")
    public Response unregister(@PathParam("token") String token) {
        devices.unregister(jwt.getSubject(), token);
        return Response.noContent().build();
    }
}
