package market.testing;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

/**
 * Keycloak-shaped access tokens (sub, preferred_username, realm_access.roles, azp, aud with the API's
 * audience, typ Bearer) signed by the key of the running {@link OidcServerResource}. User ids are stable
 * per username so tests can refer to them.
 */
public final class Tokens {

    /**
     * The audience the realm's audience mappers put into access tokens of the API's clients, and that the
     * services require ({@code quarkus.oidc.token.audience}).
     */
    public static final String API_AUDIENCE = "market-api";

    private Tokens() {}

    /** The `sub` that tokens for this username carry. */
    public static String idOf(String username) {
        return UUID.nameUUIDFromBytes(("market-user:" + username).getBytes()).toString();
    }

    public static String user(String username) {
        return forUser(username, "user");
    }

    public static String admin(String username) {
        return forUser(username, "user", "admin");
    }

    public static String service(String clientId) {
        return sign(
                claims(idOf("service-account-" + clientId), "service-account-" + clientId, List.of("service"), 300),
                key());
    }

    public static String forUser(String username, String... roles) {
        return sign(claims(idOf(username), username, Arrays.asList(roles), 300), key());
    }

    /**
     * A valid access token of a client that has no audience mapper for the API (Keycloak's default
     * {@code aud: account}), e.g. one issued to another application of the same realm.
     */
    public static String withoutApiAudience(String username) {
        JwtClaims c = claims(idOf(username), username, List.of("user", "admin"), 300);
        c.setAudience("account");
        return sign(c, key());
    }

    /**
     * An OpenID ID token ({@code typ: ID}) as a client holds one after login. It carries the API's
     * audience and the user's roles, so only its type tells it from an access token.
     */
    public static String idToken(String username) {
        JwtClaims c = claims(idOf(username), username, List.of("user", "admin"), 300);
        c.setClaim("typ", "ID");
        return sign(c, key());
    }

    /** A service account's token from a client without the API's audience mapper. */
    public static String serviceWithoutApiAudience(String clientId) {
        JwtClaims c =
                claims(idOf("service-account-" + clientId), "service-account-" + clientId, List.of("service"), 300);
        c.setAudience("account");
        return sign(c, key());
    }

    public static String expired(String username) {
        return sign(claims(idOf(username), username, List.of("user"), -120), key());
    }

    /** Same claims, signed by a key the provider never published. */
    public static String forged(String username) {
        try {
            return sign(
                    claims(idOf(username), username, List.of("user", "admin"), 300),
                    RsaJwkGenerator.generateJwk(2048).getPrivateKey());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JwtClaims claims(String sub, String username, List<String> roles, int ttlSeconds) {
        JwtClaims c = new JwtClaims();
        c.setIssuer(System.getProperty(OidcServerResource.ISSUER_PROP));
        c.setSubject(sub);
        c.setAudience(API_AUDIENCE, "account");
        c.setIssuedAtToNow();
        c.setExpirationTimeMinutesInTheFuture(ttlSeconds / 60f);
        c.setGeneratedJwtId();
        c.setClaim("typ", "Bearer");
        c.setClaim("azp", "market-test");
        c.setClaim("preferred_username", username);
        c.setClaim("email", username + "@example.test");
        c.setClaim("realm_access", Map.of("roles", roles));
        return c;
    }

    private static String sign(JwtClaims claims, PrivateKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue(System.getProperty(OidcServerResource.KID_PROP));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey key() {
        String encoded = System.getProperty(OidcServerResource.KEY_PROP);
        if (encoded == null) {
            throw new IllegalStateException("OidcServerResource is not running");
        }
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(encoded)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
