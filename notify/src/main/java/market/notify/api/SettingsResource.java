package market.notify.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import market.notify.domain.NotificationSettings;
import market.notify.service.SettingsService;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/me/notification-settings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "settings", description = "Which notifications push")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class SettingsResource {

    public record Settings(
            boolean chat, boolean activity, boolean keywords, boolean marketing, boolean marketingNight, int version) {
        static Settings of(NotificationSettings s) {
            return new Settings(s.chat(), s.activity(), s.keywords(), s.marketing(), s.marketingNight(), s.version());
        }
    }

    public record SettingsUpdate(
            @NotNull Boolean chat,
            @NotNull Boolean activity,
            @NotNull Boolean keywords,
            @NotNull Boolean marketing,
            @NotNull Boolean marketingNight,
            @PositiveOrZero Integer version) {}

    private final SettingsService settings;
    private final AccountCreation accounts;
    private final JsonWebToken jwt;

    public SettingsResource(SettingsService settings, AccountCreation accounts, JsonWebToken jwt) {
        this.settings = settings;
        this.accounts = accounts;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed("user")
    @Operation(summary = "My notification settings")
    @APIResponse(responseCode = "200", description = "My settings")
    public Settings get() {
        return Settings.of(settings.seen(jwt.getSubject(), accounts.of(jwt)));
    }

    @PUT
    @RolesAllowed("user")
    @Operation(summary = "Replace my notification settings")
    @APIResponse(responseCode = "200", description = "The settings now")
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    public Settings put(@Valid @NotNull SettingsUpdate body) {
        settings.seen(jwt.getSubject(), accounts.of(jwt));
        return Settings.of(settings.update(
                jwt.getSubject(),
                body.chat(),
                body.activity(),
                body.keywords(),
                body.marketing(),
                body.marketingNight(),
                body.version()));
    }
}
