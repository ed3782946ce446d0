package market.notify;

import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import market.testing.Tokens;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

/**
 * A user token as {@link Tokens#user} issues it, plus the account's creation time in the claim Keycloak's
 * user-property mapper gives it ({@code created_at}, epoch milliseconds), signed by the same test provider.
 */
final class AccountTokens {

    private AccountTokens() {}

    static String createdAt(String username, Instant created) {
        try {
            String[] parts = Tokens.user(username).split("\\.");
            JwtClaims claims = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(parts[1])));
            claims.setClaim("created_at", created.toEpochMilli());
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            // The keys OidcServerResource publishes for Tokens (its property names are package-private there).
            jws.setKey(KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(
                            Base64.getDecoder().decode(System.getProperty("markettest.oidc.key")))));
            jws.setKeyIdHeaderValue(System.getProperty("markettest.oidc.kid"));
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setHeader("typ", "JWT");
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
