package market.product.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import market.common.api.ApiException;
import market.product.domain.Profile;
import market.product.service.AccountService;
import market.product.service.ProfileService;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "me", description = "The caller's own profile and lists")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class MeResource {

    private final ProfileService profiles;
    private final AccountService accounts;
    private final JsonWebToken jwt;

    public MeResource(ProfileService profiles, AccountService accounts, JsonWebToken jwt) {
        this.profiles = profiles;
        this.accounts = accounts;
        this.jwt = jwt;
    }

    @DELETE
    @RolesAllowed("user")
    @Operation(
            summary = "Delete my account (탈퇴)",
            description = "Deletes the Keycloak account and the caller's listings (with their photos), likes, keyword"
                    + " alerts and profile; comments and written reviews stay, shown as 탈퇴한 사용자; chat closes the"
                    + " account's rooms and notify forgets its devices, settings and inbox. Idempotent: a repeat"
                    + " (with a token still valid) answers 204 too; every other call with such a token is a 401.")
    @APIResponse(responseCode = "204", description = "The account is deleted (or was already)")
    public Response delete() {
        accounts.delete(jwt.getSubject());
        return Response.noContent().build();
    }

    @GET
    @RolesAllowed("user")
    @Operation(summary = "My profile (created on first call)")
    @APIResponse(
            responseCode = "200",
            description = "My profile",
            content = @Content(schema = @Schema(implementation = MyProfile.class)),
            headers =
                    @Header(
                            name = "ETag",
                            description = "the profile version, for If-Match",
                            schema = @Schema(type = SchemaType.STRING)))
    public Response get() {
        Profile p = profiles.me(jwt.getSubject(), jwt.getClaim("preferred_username"));
        return withEtag(p);
    }

    @PUT
    @RolesAllowed("user")
    @Operation(summary = "Change my nickname, 동네 (regionCode) and feed range")
    @APIResponse(
            responseCode = "200",
            description = "My profile",
            content = @Content(schema = @Schema(implementation = MyProfile.class)),
            headers =
                    @Header(
                            name = "ETag",
                            description = "the profile version, for If-Match",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    @APIResponse(responseCode = "409", description = "Conflict")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public Response update(@Valid @NotNull ProfileUpdate body, @HeaderParam("If-Match") String ifMatch) {
        Integer expected = body.version();
        if (ifMatch != null) {
            Profile current = profiles.me(jwt.getSubject(), jwt.getClaim("preferred_username"));
            if (!ifMatch.replace("W/", "").equals(etag(current).toString())) {
                throw new ApiException(412, "Precondition Failed", "The profile was changed meanwhile");
            }
            // a body version older than the one If-Match vouches for is a stale edit (409), not ignored
            expected = body.version() != null ? body.version() : current.version();
        }
        Profile p = profiles.update(
                jwt.getSubject(),
                jwt.getClaim("preferred_username"),
                new ProfileService.Update(body.nickname(), body.regionCode(), body.region(), body.range()),
                expected);
        return withEtag(p);
    }

    @POST
    @Path("region-verification")
    @RolesAllowed("user")
    @Operation(
            summary = "동네 인증: prove I am in my 동네",
            description = "Passes when the position is within 3 km of the 동's point (configurable) or that point is"
                    + " the nearest to it; the 동 (regionCode, else my saved 동네) becomes my 동네, verified now. The"
                    + " position is used for the check only and never stored.")
    @APIResponse(
            responseCode = "200",
            description = "My profile, verified",
            content = @Content(schema = @Schema(implementation = MyProfile.class)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid input (problem+json names the fields)")
    @APIResponse(responseCode = "422", description = "Too far from the 동, or no 동네 chosen")
    public Response verifyRegion(@Valid @NotNull RegionVerification body) {
        Profile p = profiles.verifyRegion(
                jwt.getSubject(), jwt.getClaim("preferred_username"), body.regionCode(), body.lat(), body.lng());
        return withEtag(p);
    }

    private static Response withEtag(Profile p) {
        return Response.ok(MyProfile.of(p)).tag(etag(p)).build();
    }

    private static EntityTag etag(Profile p) {
        return new EntityTag(Integer.toString(p.version()));
    }
}
